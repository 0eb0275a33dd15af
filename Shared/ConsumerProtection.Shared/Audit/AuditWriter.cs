using System.Data.Common;
using System.Text.Json;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using Dapper;

namespace ConsumerProtection.Shared.Audit;

/// <summary>Appends hash-chained audit rows inside the caller's own transaction, in the module's own schema.</summary>
public interface IAuditWriter
{
    /// <summary>Appends <paramref name="entry"/> to <paramref name="db"/>'s audit log in transaction <paramref name="tx"/>.</summary>
    Task<AuditRecord> AppendAsync(IModuleDb db, DbConnection connection, DbTransaction tx, AuditEntry entry, CancellationToken ct);

    /// <summary>As <see cref="AppendAsync(IModuleDb, DbConnection, DbTransaction, AuditEntry, CancellationToken)"/>, acting as <paramref name="actor"/>.</summary>
    Task<AuditRecord> AppendAsync(IModuleDb db, DbConnection connection, DbTransaction tx, AuditEntry entry, Security.Caller actor, CancellationToken ct);
}

internal sealed class AuditWriter(IAuditActor actor, TimeProvider time) : IAuditWriter
{
    public Task<AuditRecord> AppendAsync(IModuleDb db, DbConnection connection, DbTransaction tx, AuditEntry entry, CancellationToken ct) =>
        AppendAsync(db, connection, tx, entry, actor.Current, ct);

    public async Task<AuditRecord> AppendAsync(
        IModuleDb db, DbConnection connection, DbTransaction tx, AuditEntry entry, Security.Caller caller, CancellationToken ct)
    {
        using var span = DataTelemetry.Source.StartActivity("audit.append " + db.Schema);
        span?.SetTag("db.namespace", db.Schema);
        span?.SetTag("cp.audit.action", entry.Action);
        var sql = AuditSql.For(db);
        var last = await connection.QuerySingleOrDefaultAsync<LastRow>(
            new CommandDefinition(sql.Last, transaction: tx, cancellationToken: ct));
        var record = new AuditRecord
        {
            Seq = (last?.Seq ?? 0) + 1,
            Id = Guid.CreateVersion7(),
            OccurredAt = time.GetUtcNow(),
            ActorId = caller.Id,
            ActorName = caller.Name,
            ActorRoles = string.Join(',', caller.Roles.Order()),
            ActorBranch = caller.BranchId,
            Action = entry.Action,
            EntityType = entry.EntityType,
            EntityId = entry.EntityId,
            BeforeJson = entry.Before is null ? null : JsonSerializer.Serialize(entry.Before, JsonDefaults.Options),
            AfterJson = entry.After is null ? null : JsonSerializer.Serialize(entry.After, JsonDefaults.Options),
            CorrelationId = entry.CorrelationId ?? actor.CorrelationId,
            PrevHash = last?.RowHash ?? AuditHash.Genesis,
        };
        record = record with { RowHash = AuditHash.Compute(record) };
        await connection.ExecuteAsync(new CommandDefinition(sql.Insert, record, tx, cancellationToken: ct));
        return record;
    }

    private sealed record LastRow(long Seq, string RowHash);
}
