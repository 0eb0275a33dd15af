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

    /// <summary>
    /// A writer for many appends in ONE transaction (e.g. a group commit, ADR 0007): the same rows and chain, but the
    /// chain head is read once and the insert is prepared once. Use it for that transaction only, for every audit row
    /// of that schema in it, and dispose it before the transaction ends. A writer without such a mode (a wrapper that
    /// names another actor) hands out itself, with nothing to dispose.
    /// </summary>
    ITransactionAuditWriter ForOneTransaction() => new SameWriterForOneTransaction(this);
}

/// <summary>The writer <see cref="IAuditWriter.ForOneTransaction"/> hands out: dispose it before the transaction ends.</summary>
public interface ITransactionAuditWriter : IAuditWriter, IAsyncDisposable
{
}

/// <summary>For a writer with no one-transaction mode of its own: the same writer, nothing to dispose.</summary>
internal sealed class SameWriterForOneTransaction(IAuditWriter inner) : ITransactionAuditWriter
{
    public Task<AuditRecord> AppendAsync(IModuleDb db, DbConnection connection, DbTransaction tx, AuditEntry entry, CancellationToken ct) =>
        inner.AppendAsync(db, connection, tx, entry, ct);

    public Task<AuditRecord> AppendAsync(IModuleDb db, DbConnection connection, DbTransaction tx, AuditEntry entry, Security.Caller actor, CancellationToken ct) =>
        inner.AppendAsync(db, connection, tx, entry, actor, ct);

    public ITransactionAuditWriter ForOneTransaction() => this;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
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
        var last = await ReadHeadAsync(connection, tx, sql, ct);
        var record = NewRecord(entry, caller, last);
        await connection.ExecuteAsync(new CommandDefinition(sql.Insert, record, tx, cancellationToken: ct));
        return record;
    }

    public ITransactionAuditWriter ForOneTransaction() => new TransactionAuditWriter(this);

    /// <summary>The ambient actor (the request's caller, or the system).</summary>
    internal Security.Caller CurrentActor => actor.Current;

    /// <summary>The chain head (last seq and hash) of the schema, read in <paramref name="tx"/>; null for an empty log.</summary>
    internal static Task<LastRow?> ReadHeadAsync(DbConnection connection, DbTransaction tx, AuditSql sql, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<LastRow?>(new CommandDefinition(sql.Last, transaction: tx, cancellationToken: ct));

    /// <summary>The row that follows <paramref name="last"/> in the chain, hashed.</summary>
    internal AuditRecord NewRecord(AuditEntry entry, Security.Caller caller, LastRow? last)
    {
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
        return record with { RowHash = AuditHash.Compute(record) };
    }

    internal sealed record LastRow(long Seq, string RowHash);
}
