using System.Globalization;
using ConsumerProtection.Host.Cli;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Seeding;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// The work of the <c>seed</c> verb (options parsed by <see cref="Cli.Verbs.SeedVerb"/>): applies the migrations, then
/// runs each named module seeder in turn, reporting rows/s.
/// </summary>
internal static class SeedCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<(ISeeder Seeder, int Count)> counts, int months, int seed,
        TextWriter output, TextWriter error)
    {
        services.GetRequiredService<MigrationRunner>().MigrateAll();
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var time = services.GetRequiredService<TimeProvider>();
        try
        {
            foreach (var (seeder, count) in counts)
            {
                await RunOneAsync(seeder, count, months, seed, time, output, cancel.Token);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The seeder has audited what it committed before the interruption.
            await error.WriteLineAsync("seed: cancelled; the rows committed so far stay, and the audit row says how many.");
            return ExitCodes.Cancelled;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        return ExitCodes.Ok;
    }

    private static async Task RunOneAsync(ISeeder seeder, int count, int months, int seed, TimeProvider time, TextWriter output, CancellationToken ct)
    {
        var name = seeder.Name;
        var lastPrinted = time.GetTimestamp();
        var result = await seeder.SeedAsync(new SeedRequest(count, months, seed), p =>
        {
            // At most one line every two seconds, and always the last.
            if (p.Written == p.Total || time.GetElapsedTime(lastPrinted) >= TimeSpan.FromSeconds(2))
            {
                lastPrinted = time.GetTimestamp();
                output.WriteLine(Line(name, p));
            }
        }, ct);
        await output.WriteLineAsync($"{name}: done. {Line(name, result)}");
    }

    private static string Line(string name, SeedProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{name}: {p.Written:N0}/{p.Total:N0} rows, {p.Elapsed.TotalSeconds:F1} s, {p.RowsPerSecond:N0} rows/s");
}
