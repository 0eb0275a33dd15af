using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;
using Dapper;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary>
/// Writes one batch's findings and the moved cursor in one transaction. A finding joins its group's active alert
/// (Open or Acknowledged) when there is one; otherwise it raises a new alert — keyed by the group, or, when the group's
/// earlier alert is already closed, by the group and the finding's first seq, so a decision never hides later hits.
/// </summary>
internal sealed class AlertWriter(IModuleDb db, IAuditWriter audit, Caller actor)
{
    /// <summary>Another runner moved the cursor, or a reviewer changed an alert mid-batch: roll back and judge the batch again.</summary>
    internal sealed class RetryBatchException(string message) : Exception(message);

    public Task<(int Raised, int Updated)> WriteAsync(
        IReadOnlyCollection<Finding> findings, long oldCursor, long newCursor, DateTimeOffset now, CancellationToken ct)
    {
        var ids = findings.ToDictionary(f => f.GroupKey, _ => Guid.CreateVersion7(), StringComparer.Ordinal);
        return db.InTransactionAsync(async (c, tx) =>
        {
            var moved = await c.ExecuteAsync(new CommandDefinition(MisuseDetector.AdvanceCursor,
                new { Name = MisuseDetector.CursorName, New = newCursor, Old = oldCursor }, tx, cancellationToken: ct));
            if (moved != 1)
            {
                throw new RetryBatchException("The misuse cursor moved under this run.");
            }

            int raised = 0, updated = 0;
            foreach (var f in findings.OrderBy(f => f.FirstSeq))
            {
                var active = await c.QuerySingleOrDefaultAsync<AlertRow>(new CommandDefinition(AlertSql.ActiveInGroup, new { f.GroupKey }, tx, cancellationToken: ct));
                if (active is not null)
                {
                    await ExtendAsync(c, tx, active, f, now, ct);
                    updated++;
                    continue;
                }

                var earlier = await c.ExecuteScalarAsync<long>(new CommandDefinition(AlertSql.CountInGroup, new { f.GroupKey }, tx, cancellationToken: ct));
                var id = ids[f.GroupKey];
                await c.ExecuteAsync(new CommandDefinition(AlertSql.Insert, new
                {
                    Id = id, Rule = f.Rule.ToString(), f.GroupKey, DedupeKey = earlier == 0 ? f.GroupKey : f.GroupKey + ":" + f.FirstSeq,
                    Severity = AlertLifecycle.SeverityOf(f.Rule).ToString(), f.StaffId, f.CustomerRef, f.SourceSystem, f.FirstSeq, f.LastSeq,
                    f.EventCount, f.WindowStart, f.WindowEnd, Now = now, Details = f.Details.ToJson(),
                }, tx, cancellationToken: ct));
                var row = await c.QuerySingleAsync<AlertRow>(new CommandDefinition(AlertSql.ById, new { Id = id }, tx, cancellationToken: ct));
                await audit.AppendAsync(db, c, tx, new AuditEntry("pi-access.alert.raised", "alert", id.ToString(), null, row.Snapshot()), actor, ct);
                raised++;
            }

            return (raised, updated);
        }, ct);
    }

    private async Task ExtendAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, AlertRow active, Finding f, DateTimeOffset now, CancellationToken ct)
    {
        var details = FindingDetails.FromJson(active.Details);
        details.Merge(f.Details);
        var args = new
        {
            active.Id, active.Version, LastSeq = Math.Max(active.LastSeq, f.LastSeq), f.EventCount,
            WindowStart = f.WindowStart < active.WindowStart ? f.WindowStart : active.WindowStart,
            WindowEnd = f.WindowEnd > active.WindowEnd ? f.WindowEnd : active.WindowEnd, Details = details.ToJson(), Now = now,
        };
        if (await c.ExecuteAsync(new CommandDefinition(AlertSql.Extend, args, tx, cancellationToken: ct)) != 1)
        {
            throw new RetryBatchException("An alert changed while its group was being extended.");
        }

        var after = await c.QuerySingleAsync<AlertRow>(new CommandDefinition(AlertSql.ById, new { active.Id }, tx, cancellationToken: ct));
        await audit.AppendAsync(db, c, tx, new AuditEntry("pi-access.alert.extended", "alert", active.Id.ToString(), active.Snapshot(), after.Snapshot()), actor, ct);
    }
}
