using System.Data.Common;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Shared.Audit;

/// <summary>
/// <see cref="IAuditWriter.ForOneTransaction"/> of <see cref="AuditWriter"/>: appends exactly the rows the plain writer
/// would (same fields, same hash chain), for many appends in one transaction (a group commit, ADR 0007). The chain head
/// is read once, in that transaction, and then carried in memory from row to row, and the insert is prepared once.
/// The transaction holds the write lock (SQLite) or the head's update lock (SQL Server) from the first read, so no
/// other writer can move the head meanwhile; if anything else appended to the same log in this transaction, the next
/// insert would collide on the sequence number and fail the transaction rather than fork the chain.
/// </summary>
internal sealed class TransactionAuditWriter(AuditWriter writer) : ITransactionAuditWriter
{
    private DbTransaction? _tx;
    private IModuleDb? _db;
    private AuditWriter.LastRow? _head;
    private DbCommand? _insert;
    private DbParameter[] _parameters = [];

    private static readonly string[] Fields =
        ["Seq", "Id", "OccurredAt", "ActorId", "ActorName", "ActorRoles", "ActorBranch", "Action", "EntityType", "EntityId",
         "BeforeJson", "AfterJson", "CorrelationId", "PrevHash", "RowHash"];

    public Task<AuditRecord> AppendAsync(IModuleDb db, DbConnection connection, DbTransaction tx, AuditEntry entry, CancellationToken ct) =>
        AppendCoreAsync(db, connection, tx, entry, null, ct);

    public Task<AuditRecord> AppendAsync(IModuleDb db, DbConnection connection, DbTransaction tx, AuditEntry entry, Caller caller, CancellationToken ct) =>
        AppendCoreAsync(db, connection, tx, entry, caller, ct);

    public ITransactionAuditWriter ForOneTransaction() => this;

    private async Task<AuditRecord> AppendCoreAsync(IModuleDb db, DbConnection connection, DbTransaction tx, AuditEntry entry, Caller? caller, CancellationToken ct)
    {
        using var span = DataTelemetry.Source.StartActivity("audit.append " + db.Schema);
        span?.SetTag("db.namespace", db.Schema);
        span?.SetTag("cp.audit.action", entry.Action);
        var sql = AuditSql.For(db);
        if (_tx is null)
        {
            _head = await AuditWriter.ReadHeadAsync(connection, tx, sql, ct);
            _insert = Prepare(connection, tx, sql.Insert, db.Dialect.Provider);
            (_tx, _db) = (tx, db);
        }
        else if (!ReferenceEquals(tx, _tx) || !ReferenceEquals(db, _db))
        {
            throw new InvalidOperationException("A transaction audit writer serves one transaction of one schema only.");
        }

        var record = writer.NewRecord(entry, caller ?? writer.CurrentActor, _head);
        object?[] values =
        [
            record.Seq, record.Id, record.OccurredAt, record.ActorId, record.ActorName, record.ActorRoles, record.ActorBranch, record.Action,
            record.EntityType, record.EntityId, record.BeforeJson, record.AfterJson, record.CorrelationId, record.PrevHash, record.RowHash,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = StoredValues.For(db.Dialect.Provider, values[i]);
        }

        await _insert!.ExecuteNonQueryAsync(ct);
        _head = new AuditWriter.LastRow(record.Seq, record.RowHash);
        return record;
    }

    private DbCommand Prepare(DbConnection connection, DbTransaction tx, string insert, StorageProvider provider)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = insert;
        _parameters = Fields.Select(f =>
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + f;
            cmd.Parameters.Add(p);
            return p;
        }).ToArray();
        if (provider == StorageProvider.Sqlite)
        {
            // SqlClient would demand a size for every string parameter; sp_executesql reuses the plan anyway.
            cmd.Prepare();
        }

        return cmd;
    }

    public ValueTask DisposeAsync() => _insert?.DisposeAsync() ?? ValueTask.CompletedTask;
}
