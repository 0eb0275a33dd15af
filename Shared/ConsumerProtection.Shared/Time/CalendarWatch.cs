using System.Globalization;
using ConsumerProtection.Shared.Alerts;
using ConsumerProtection.Shared.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Shared.Time;

/// <summary>
/// Raises the operational alert <c>calendar.year-missing</c> for a year the office needs and nobody maintains: the
/// current year always, and the next year from 1 November in the bank's time zone (the State Council publishes the next
/// year's notice in October or November). Resolves it once the year holds a national schedule.
/// </summary>
internal sealed class CalendarWatch(IWorkingCalendar calendar, IOperationalAlerts alerts, TimeProvider time)
{
    public const string Code = "calendar.year-missing";

    public static string KeyFor(int year) => Code + ":" + year.ToString(CultureInfo.InvariantCulture);

    /// <summary>One check at the current time; returns the years found missing.</summary>
    public async Task<IReadOnlyList<int>> CheckAsync(CancellationToken ct)
    {
        var rules = await calendar.GetAsync(ct);
        var today = rules.LocalDate(time.GetUtcNow());
        var needed = today.Month >= 11 ? new[] { today.Year, today.Year + 1 } : [today.Year];
        var missing = new List<int>();
        foreach (var year in needed)
        {
            if (rules.Year(year).Maintained)
            {
                await alerts.ResolveAsync(KeyFor(year), ct);
                continue;
            }

            missing.Add(year);
            await alerts.RaiseAsync(KeyFor(year), Code, AlertSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                $"No holiday schedule for {year}: working days there count Monday to Friday only, and deadlines computed on {year} are marked provisional (calendarMaintained: false). Import the State Council's notice for {year} (POST /api/v1/admin/calendar/import or the host verb import-calendar)."), ct);
        }

        // A year resolved by an import outside the window (e.g. next year imported in October) is resolved here too.
        foreach (var (year, state) in rules.Years)
        {
            if (state.Maintained && !needed.Contains(year))
            {
                await alerts.ResolveAsync(KeyFor(year), ct);
            }
        }

        return missing;
    }
}

/// <summary>Runs <see cref="CalendarWatch"/> every <c>Calendar:WatchIntervalMinutes</c> (default 60). Lease "calendar-watch".</summary>
internal sealed class CalendarWatchJob(CalendarWatch watch, IOptions<CalendarOptions> options, IJobLease lease, TimeProvider time, ILogger<CalendarWatchJob> logger)
    : PeriodicJob(lease, time, logger)
{
    protected override string Name => "calendar-watch";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.WatchIntervalMinutes);

    protected override Task RunAsync(CancellationToken ct) => watch.CheckAsync(ct);
}
