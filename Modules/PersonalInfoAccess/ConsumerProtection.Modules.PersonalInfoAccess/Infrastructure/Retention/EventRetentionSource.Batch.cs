using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Retention;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Infrastructure.Retention;

/// <summary>
/// The disposal run's path for millions of events: a batch of expired events oldest first, the active holds read once
/// per batch (holds are few), one short transaction purging the unheld ones and one audit row naming them (seq and
/// event id only). A watermark — the last event looked at — lets the next batch start where this one stopped instead
/// of walking again over the purged rows still in the occurred_at index; a lifted hold resets it so that the events
/// it kept are looked at again, and so does a restart (one walk over the purged rows, then batches resume).
/// </summary>
internal sealed partial class EventRetentionSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, long Seq) _watermark = (Start, 0);
    private HashSet<Guid> _holdsSeen = [];

    public async Task<BatchDisposal> DisposeExpiredBatchAsync(DateTimeOffset startedBefore, int limit, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var eventHolds = await holds.ListAsync(Type, null, activeOnly: true, ct);
            var customerHolds = await holds.ListAsync(CustomerHoldSource.Type, null, activeOnly: true, ct);
            var holdIds = eventHolds.Concat(customerHolds).Select(h => h.Id).ToHashSet();
            if (!_holdsSeen.IsSubsetOf(holdIds))
            {
                _watermark = (Start, 0);
            }

            _holdsSeen = holdIds;
            var heldEvents = eventHolds.Select(h => Normalise(Type, h.RecordId)).ToHashSet(StringComparer.Ordinal);
            var heldCustomers = customerHolds.Select(h => h.RecordId).ToHashSet(StringComparer.Ordinal);
            var candidates = await CandidatesAsync(startedBefore, _watermark, limit, ct);
            var purge = new List<CandidateRow>(candidates.Count);
            var held = 0;
            foreach (var r in candidates)
            {
                if (heldEvents.Contains(r.EventId.ToString("D")) || (r.CustomerRef is not null && heldCustomers.Contains(r.CustomerRef)))
                {
                    held++;
                }
                else
                {
                    purge.Add(r);
                }
            }

            var purged = purge.Count == 0 ? 0 : await PurgeAsync(purge, ct);
            if (candidates.Count > 0)
            {
                _watermark = (candidates[^1].OccurredAt, candidates[^1].Seq);
            }

            return new BatchDisposal(purged, held, candidates.Count == limit);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<int> PurgeAsync(List<CandidateRow> rows, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = rows.Where(r => RetentionEnded(r.OccurredAt, now)).ToList();
        return due.Count == 0 ? Task.FromResult(0) : db.InTransactionAsync(async (c, tx) =>
        {
            // purged_at IS NULL in the statement: a row purged meanwhile (by single disposal) is skipped.
            var purged = (await ledger.PurgeAsync(c, tx, due.Select(r => r.Seq), now, Type, Years, ct)).ToHashSet();
            var done = due.Where(r => purged.Contains(r.Seq)).Select(r => (object)new { r.Seq, r.EventId }).ToList();
            if (done.Count > 0)
            {
                await audit.AppendAsync(db, c, tx, new AuditEntry("pi-access.events-purged", Type + "-batch",
                    $"{rows[0].Seq}-{rows[^1].Seq}", null, new { Purged = done.Count, Events = done }), ct);
            }

            return done.Count;
        }, ct);
    }
}
