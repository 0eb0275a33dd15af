using System.Data.Common;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Modules.Complaints.Regulator;

/// <summary>
/// Audits as a fixed actor. A background job has no HTTP caller, and the intake code audits as "the current
/// caller"; this lets a transfer be audited as the regulator gateway without changing the intake code.
/// </summary>
internal sealed class ActingAuditWriter(IAuditWriter inner, Caller actor) : IAuditWriter
{
    public Task<AuditRecord> AppendAsync(IModuleDb db, DbConnection connection, DbTransaction tx, AuditEntry entry, CancellationToken ct) =>
        inner.AppendAsync(db, connection, tx, entry, actor, ct);

    public Task<AuditRecord> AppendAsync(IModuleDb db, DbConnection connection, DbTransaction tx, AuditEntry entry, Caller caller, CancellationToken ct) =>
        inner.AppendAsync(db, connection, tx, entry, caller, ct);
}
