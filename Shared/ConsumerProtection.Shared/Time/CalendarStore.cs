using System.Data.Common;
using System.Globalization;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Kernel;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Shared.Time;

/// <summary>
/// The only writer of <c>[kernel].[calendar_day]</c> and <c>[kernel].[calendar_year]</c>. Every change bumps the year's
/// version and is audited in the same transaction; after commit the cache is dropped, the calendar watch re-checks its
/// alerts and the modules' <see cref="ICalendarChangeListener"/>s are told.
/// </summary>
internal sealed partial class CalendarStore(
    [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IAuditWriter audit, IWorkingCalendar calendar, CalendarWatch watch,
    IEnumerable<ICalendarChangeListener> listeners, TimeProvider time, ILogger<CalendarStore> logger)
{
    public IModuleDb Db => db;

    /// <summary>PUT: the office's complete list for the year; every entry of the year, local days included, is replaced.</summary>
    public Task ReplaceYearAsync(int year, IReadOnlyList<CalendarDay> days, CancellationToken ct) =>
        WriteAsync(year, "calendar.year-replaced", null, async (c, tx) =>
        {
            await c.ExecuteAsync(new CommandDefinition(DeleteYear, Range(year), tx, cancellationToken: ct));
            await InsertAsync(c, tx, days, CalendarOrigin.Office, ct);
            await BumpAsync(c, tx, year, CalendarOrigin.Office, "entered by the office", null, ct);
            return days;
        }, ct, notify: true);

    /// <summary>Import: a national schedule the office loads; it replaces the year's national entries, local days stay and win.</summary>
    public Task ImportAsync(CalendarSchedule s, Caller? actor, CancellationToken ct) =>
        WriteAsync(s.Year, "calendar.year-imported", actor, async (c, tx) =>
        {
            var kept = await ReplaceNationalAsync(c, tx, s, CalendarOrigin.Office, ct);
            await BumpAsync(c, tx, s.Year, CalendarOrigin.Office, Source(s), null, ct);
            return new { s.Source, s.NoticeDate, Days = kept };
        }, ct, notify: true);

    /// <summary>
    /// Applies a shipped schedule when the office has not set the year itself (no row, or a row that is shipped or holds
    /// only local days) and the year does not already hold this or a later shipped revision. True when applied.
    /// </summary>
    public async Task<bool> ApplyShippedAsync(CalendarSchedule s, CancellationToken ct)
    {
        var applied = false;
        await WriteAsync(s.Year, "calendar.shipped-applied", Caller.System("shipped-calendar"), async (c, tx) =>
        {
            var rows = (await c.QueryAsync<(string Origin, long? Revision)>(
                new CommandDefinition(SelectYearRow, new { Year = s.Year }, tx, cancellationToken: ct))).AsList();
            if (rows.Count > 0 && (rows[0].Origin == CalendarOrigin.Office || (rows[0].Origin == CalendarOrigin.Shipped && rows[0].Revision >= s.Revision)))
            {
                return null;
            }

            var kept = await ReplaceNationalAsync(c, tx, s, CalendarOrigin.Shipped, ct);
            await BumpAsync(c, tx, s.Year, CalendarOrigin.Shipped, Source(s), s.Revision, ct);
            applied = true;
            return new { s.Source, s.NoticeDate, s.Revision, Days = kept };
        }, ct, notify: false);
        return applied;
    }

    /// <summary>Adds or replaces one local day (origin Local): it wins over the national entry on that date and survives imports.</summary>
    public Task SetLocalDayAsync(CalendarDay day, CancellationToken ct) =>
        WriteAsync(day.Date.Year, "calendar.local-day-set", null, async (c, tx) =>
        {
            await c.ExecuteAsync(new CommandDefinition(DeleteDay, new { day.Date }, tx, cancellationToken: ct));
            await InsertAsync(c, tx, [day], CalendarOrigin.Local, ct);
            await BumpAsync(c, tx, day.Date.Year, CalendarOrigin.Local, "local days only", null, ct);
            return day;
        }, ct, notify: true);

    /// <summary>Removes a local day; false when the date holds no local day (national entries are changed by import or PUT).</summary>
    public async Task<bool> RemoveLocalDayAsync(DateOnly date, CancellationToken ct)
    {
        var removed = false;
        await WriteAsync(date.Year, "calendar.local-day-removed", null, async (c, tx) =>
        {
            if (await c.ExecuteAsync(new CommandDefinition(DeleteLocalDay, new { Date = date }, tx, cancellationToken: ct)) == 0)
            {
                return null;
            }

            await BumpAsync(c, tx, date.Year, CalendarOrigin.Local, "local days only", null, ct);
            removed = true;
            return new { Date = date };
        }, ct, notify: true);
        return removed;
    }

    // One audited transaction; `change` returns the "after" snapshot, or null when it decided to change nothing.
    private async Task WriteAsync(int year, string action, Caller? actor, Func<DbConnection, DbTransaction, Task<object?>> change, CancellationToken ct, bool notify)
    {
        var changed = await db.InTransactionAsync(async (c, tx) =>
        {
            var before = (await c.QueryAsync<(DateOnly Date, string Kind, string Name, string Origin)>(
                new CommandDefinition(SelectYearDays, Range(year), tx, cancellationToken: ct))).Select(d => new { d.Date, d.Kind, d.Name, d.Origin }).ToList();
            var after = await change(c, tx);
            if (after is null)
            {
                return false;
            }

            var entry = new AuditEntry(action, "calendar-year", year.ToString(CultureInfo.InvariantCulture), before, after);
            await (actor is null ? audit.AppendAsync(db, c, tx, entry, ct) : audit.AppendAsync(db, c, tx, entry, actor, ct));
            return true;
        }, ct);
        if (!changed)
        {
            return;
        }

        calendar.Invalidate();
        if (notify)
        {
            await CheckAlertsAsync(ct);
            await NotifyAsync([year], ct);
        }
    }

    /// <summary>Re-checks the missing-year alerts; a failure is logged (the watch job checks again) and never undoes the change.</summary>
    public async Task CheckAlertsAsync(CancellationToken ct)
    {
        try
        {
            await watch.CheckAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The calendar watch failed after a calendar change; its periodic job checks again");
        }
    }

    private async Task NotifyAsync(IReadOnlyList<int> years, CancellationToken ct)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.OnCalendarChangedAsync(years, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // The listener's own periodic catch-up re-stamps what this call missed.
                logger.LogWarning(ex, "Calendar change listener {Listener} failed for {Years}", listener.GetType().Name, string.Join(", ", years));
            }
        }
    }

    private static string Source(CalendarSchedule s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Source} ({s.NoticeDate:yyyy-MM-dd})");

    private static object Range(int year) => new { From = new DateOnly(year, 1, 1), To = new DateOnly(year, 12, 31) };
}
