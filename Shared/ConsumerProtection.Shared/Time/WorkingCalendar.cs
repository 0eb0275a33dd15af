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
    private const string SelectAll = """
        SELECT day AS Day, kind AS Kind FROM [kernel].[calendar_day]
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

        var rows = await db.ReadAsync(c => c.QueryAsync<(DateOnly Day, string Kind)>(new CommandDefinition(SelectAll, cancellationToken: ct)), ct);
        var rules = new CalendarRules(_zone, rows.ToDictionary(r => r.Day, r => Enum.Parse<DayKind>(r.Kind)));
        _snapshot = new Snapshot(rules, now);
        return rules;
    }

    public void Invalidate() => _snapshot = null;

    private sealed record Snapshot(CalendarRules Rules, long LoadedAt);
}
