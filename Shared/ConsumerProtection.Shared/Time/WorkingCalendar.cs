using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Kernel;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Shared.Time;

/// <summary>The bank's working-day calendar, shared by all modules. Reads the overrides from the kernel schema.</summary>
public interface IWorkingCalendar
{
    /// <summary>The current rules (loaded on first use, refreshed after changes and periodically).</summary>
    ValueTask<CalendarRules> GetAsync(CancellationToken ct);

    /// <summary>Drops the cached rules so the next read loads the stored calendar.</summary>
    void Invalidate();
}

internal sealed class WorkingCalendar(
    [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IOptions<CalendarOptions> options, TimeProvider time) : IWorkingCalendar
{
    private const string SelectDays = """
        SELECT day AS Day, kind AS Kind, origin AS Origin FROM [kernel].[calendar_day]
        """;

    private const string SelectYears = """
        SELECT CAST(year AS BIGINT) AS Year, CAST(version AS BIGINT) AS Version FROM [kernel].[calendar_year]
        """;

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
    private volatile Snapshot? _snapshot;

    public async ValueTask<CalendarRules> GetAsync(CancellationToken ct)
    {
        var now = time.GetTimestamp();
        var current = _snapshot;
        if (current is not null && time.GetElapsedTime(current.LoadedAt, now).TotalSeconds < options.Value.RefreshSeconds)
        {
            return current.Rules;
        }

        var (days, years) = await db.ReadAsync(async c =>
        {
            var d = await c.QueryAsync<(DateOnly Day, string Kind, string Origin)>(new CommandDefinition(SelectDays, cancellationToken: ct));
            var y = await c.QueryAsync<(long Year, long Version)>(new CommandDefinition(SelectYears, cancellationToken: ct));
            return (d.AsList(), y.AsList());
        }, ct);

        // Maintained: the year holds national-schedule entries (shipped or the office's); local days alone do not count.
        var national = days.Where(d => d.Origin != CalendarOrigin.Local).Select(d => d.Day.Year).ToHashSet();
        var states = years.ToDictionary(y => (int)y.Year, y => new CalendarYearState((int)y.Year, y.Version, national.Contains((int)y.Year)));
        var rules = new CalendarRules(_zone, days.ToDictionary(r => r.Day, r => CalendarOrigin.ParseKind(r.Kind)), states);
        _snapshot = new Snapshot(rules, now);
        return rules;
    }

    public void Invalidate() => _snapshot = null;

    private sealed record Snapshot(CalendarRules Rules, long LoadedAt);
}
