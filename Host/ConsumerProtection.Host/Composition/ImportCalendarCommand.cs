using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// The <c>import-calendar &lt;file&gt;</c> verb: applies the migrations and the shipped schedules, then imports one
/// year from a <c>cp-calendar/1</c> JSON file exactly as <c>POST /api/v1/admin/calendar/import</c> does (local days stay
/// and win; audited as the system actor "import-calendar"). On any error it prints <c>field: message</c> lines, stores
/// nothing and exits 2.
/// </summary>
internal static class ImportCalendarCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("usage: import-calendar <file.json>  (format cp-calendar/1; see README \"Calendar\")");
            return 2;
        }

        var path = args[1];
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"import-calendar: file not found: {path}");
            return 2;
        }

        var v = new Validation();
        var schedule = CalendarFile.Parse(await File.ReadAllTextAsync(path), v);
        if (schedule is null)
        {
            await Console.Error.WriteLineAsync($"import-calendar: {path} is invalid; nothing was stored.");
            foreach (var line in v.Describe().Split("; "))
            {
                await Console.Error.WriteLineAsync("  " + line);
            }

            return 2;
        }

        app.Services.GetRequiredService<MigrationRunner>().MigrateAll();
        await ShippedCalendarStartup.ApplyAsync(app);
        await app.Services.GetRequiredService<CalendarStore>().ImportAsync(schedule, Caller.System("import-calendar"), CancellationToken.None);
        var state = (await app.Services.GetRequiredService<IWorkingCalendar>().GetAsync(CancellationToken.None)).Year(schedule.Year);
        Console.WriteLine($"import-calendar: {schedule.Year} imported from \"{schedule.Source}\" ({schedule.Days.Count} days); calendar version {state.Version}.");
        return 0;
    }
}

/// <summary>Applies the embedded State Council schedules to the years the office has not set (at start and in the verbs).</summary>
internal static class ShippedCalendarStartup
{
    public static Task ApplyAsync(WebApplication app) =>
        app.Services.GetRequiredService<ShippedCalendar>().ApplyAsync(CancellationToken.None);
}
