using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Complaints.DeadlineAlerts;

/// <summary>
/// Re-stamps open complaints whose internal deadline (counted in working days, plan 8) was computed on a
/// calendar year that has since changed: the stored stamp (e.g. <c>2026v3</c>) names a version the year no longer has.
/// Each re-stamp recomputes the deadline and due state, bumps the version (so the ETag changes), drops internal-clock
/// alerts the new deadline no longer justifies (they are raised again if it is reached) and is audited as
/// <c>complaint.deadline-restamped</c>. Closed complaints are never read: they keep the deadline they were judged by.
/// Because it compares stamps with the current versions, it is safe to repeat and catches up after a crash.
/// </summary>
internal sealed class CalendarRestamp(ComplaintStore store, IAuditWriter audit, IOptions<ComplaintsOptions> options, TimeProvider time, ILogger<CalendarRestamp> logger)
{
    public const string SelectPage = """
        SELECT id AS Id, calendar_stamp AS CalendarStamp FROM [complaints].[complaint]
        WHERE status IN ('Received', 'Assigned', 'InProgress', 'Reopened', 'Referred') AND id > @After
        ORDER BY id
        """;

    public const string DeleteAlert = """
        DELETE FROM [complaints].[deadline_alert] WHERE complaint_id = @Id AND clock = 'Internal' AND state = @State
        """;

    private static readonly Caller Actor = Caller.System("complaints-calendar");

    /// <summary>One pass over the open complaints; returns how many were re-stamped.</summary>
    public async Task<int> RunAsync(CalendarRules rules, CancellationToken ct)
    {
        var db = store.Db;
        var size = options.Value.DeadlineJobBatchSize;
        var after = Guid.Empty;
        var restamped = 0;
        while (true)
        {
            var page = (await db.ReadAsync(c => c.QueryAsync<(Guid Id, string? CalendarStamp)>(new CommandDefinition(SelectPage + " " + db.Dialect.Page,
                new { After = after, Offset = 0, Limit = size }, cancellationToken: ct)), ct)).AsList();
            var stale = page.Where(p => !CalendarStamp.IsCurrent(p.CalendarStamp, rules)).Select(p => p.Id).ToList();
            if (stale.Count > 0)
            {
                restamped += await RestampAsync(stale, rules, time.GetUtcNow(), ct);
            }

            if (page.Count < size)
            {
                break;
            }

            after = page[^1].Id;
        }

        if (restamped > 0)
        {
            logger.LogInformation("Calendar changed: {Count} open complaints re-stamped", restamped);
        }

        return restamped;
    }

    private Task<int> RestampAsync(List<Guid> ids, CalendarRules rules, DateTimeOffset now, CancellationToken ct) =>
        store.Db.InTransactionAsync(async (c, tx) =>
        {
            var count = 0;
            var dueSoon = options.Value.DueSoonWorkingDays;
            foreach (var id in ids)
            {
                var row = await ComplaintStore.GetAsync(c, tx, id, ct);
                if (row is null || !Lifecycle.OpenStates.Contains(row.StatusValue) || CalendarStamp.IsCurrent(row.CalendarStamp, rules))
                {
                    continue;
                }

                var before = new { row.InternalDueAt, CalendarVersion = row.CalendarStamp, row.CalendarMaintained, row.DueState, row.Version };
                var expected = row.Version;
                Deadlines.Restamp(row, rules);
                row.DueState = Deadlines.StateOf(rules, now, row, dueSoon).ToString();
                (row.Version, row.UpdatedAt) = (expected + 1, now);
                if (!await ComplaintStore.UpdateAsync(c, tx, row, expected, ct))
                {
                    continue;
                }

                var internalState = Deadlines.StateOf(rules, now, row.InternalDueAt, dueSoon);
                foreach (var state in new[] { DueState.DueSoon, DueState.Overdue }.Where(s => internalState < s))
                {
                    await c.ExecuteAsync(new CommandDefinition(DeleteAlert, new { row.Id, State = state.ToString() }, tx, cancellationToken: ct));
                }

                await audit.AppendAsync(store.Db, c, tx, new AuditEntry("complaint.deadline-restamped", "complaint", row.Id.ToString(), before,
                    new { row.InternalDueAt, CalendarVersion = row.CalendarStamp, row.CalendarMaintained, row.DueState, row.Version }), Actor, ct);
                count++;
            }

            return count;
        }, ct);
}

/// <summary>The kernel's in-process notice of a calendar change: re-stamp now, then re-judge due states and alerts.</summary>
internal sealed class ComplaintsCalendarListener(DeadlineJob job) : ICalendarChangeListener
{
    public Task OnCalendarChangedAsync(IReadOnlyList<int> years, CancellationToken ct) => job.RunOnceAsync(ct);
}
