using System.Data.Common;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Shared.Audit;

/// <summary>
/// An <see cref="IAuditWriter"/> that names a fixed actor and correlation id: for work done on a request's behalf away
/// from the request, e.g. by a group-commit loop (ADR 0007), where the ambient <see cref="IAuditActor"/> has no request.
/// </summary>
public sealed class ActingAuditWriter(IAuditWriter inner, Caller actor, string? correlationId) : IAuditWriter
{
    /// <inheritdoc />
    public Task<AuditRecord> AppendAsync(IModuleDb db, DbConnection connection, DbTransaction tx, AuditEntry entry, CancellationToken ct) =>
        AppendAsync(db, connection, tx, entry, actor, ct);

    /// <inheritdoc />
    public Task<AuditRecord> AppendAsync(IModuleDb db, DbConnection connection, DbTransaction tx, AuditEntry entry, Caller caller, CancellationToken ct) =>
        inner.AppendAsync(db, connection, tx, entry.CorrelationId is null ? entry with { CorrelationId = correlationId } : entry, caller, ct);
}
