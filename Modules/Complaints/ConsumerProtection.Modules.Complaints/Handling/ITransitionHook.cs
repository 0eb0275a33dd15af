using System.Data.Common;
using ConsumerProtection.Modules.Complaints.Domain;

namespace ConsumerProtection.Modules.Complaints.Handling;

/// <summary>
/// Runs inside a state change's transaction, after the row and its audit are written: whatever a hook writes
/// commits or rolls back with the change (the transactional-outbox pattern). The transaction may be retried as
/// a whole, so a hook must derive what it writes from the row (its id and new version), not make it up.
/// </summary>
internal interface ITransitionHook
{
    Task OnAppliedAsync(
        DbConnection c, DbTransaction tx, ComplaintAction action, ComplaintRow row, Transitions.Context ctx, CancellationToken ct);
}
