using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Retention;
using Dapper;

namespace ConsumerProtection.Modules.Complaints.Regulator;

/// <summary>
/// Regulator exchange records under retention (plan 6 art. 34): a result event delivered to the regulator
/// (<c>regulator-result</c>, from when it was sent; it holds the response text) and a refused transfer
/// (<c>regulator-transfer-rejection</c>, from when it was refused). Both are deleted when their period is over, and
/// a complaint's result events go with the complaint's own anonymisation, so no response text outlives it.
/// Undelivered events are active: they are never disposed of while the outbox still owes them to the regulator.
/// </summary>
internal abstract class RegulatorRecordRetention(ComplaintStore store, IAuditWriter audit) : IRetentionRecordSource
{
    public abstract string RecordType { get; }

    protected abstract string Find { get; }

    protected abstract string Expired { get; }

    protected abstract string Delete { get; }

    public async Task<RetentionState?> FindAsync(string recordId, CancellationToken ct)
    {
        if (!Guid.TryParse(recordId, out var id))
        {
            return null;
        }

        var row = await store.Db.ReadAsync(c => c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Find, new { Id = id }, cancellationToken: ct)), ct);
        return row is null ? null : new RetentionState(id.ToString(), row.StartsAt);
    }

    public async Task<IReadOnlyList<string>> FindExpiredAsync(DateTimeOffset startedBefore, int limit, CancellationToken ct) =>
        (await store.Db.ReadAsync(c => c.QueryAsync<Guid>(new CommandDefinition(Expired + " " + store.Db.Dialect.Page,
            new { Before = startedBefore, Offset = 0, Limit = limit }, cancellationToken: ct)), ct)).Select(g => g.ToString()).ToList();

    public Task DisposeAsync(string recordId, CancellationToken ct) =>
        store.Db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(new CommandDefinition(Delete, new { Id = Guid.Parse(recordId) }, tx, cancellationToken: ct)) == 1)
            {
                await audit.AppendAsync(store.Db, c, tx, new AuditEntry(RecordType + ".disposed", RecordType, recordId,
                    new { Disposed = false }, new { Disposed = true }), ct);
            }

            return 0;
        }, ct);

    private sealed record Row(DateTimeOffset? StartsAt);
}

/// <summary>A result event delivered to the regulator: kept from its sending for the retention period, then deleted.</summary>
internal sealed class RegulatorResultRetention(ComplaintStore store, IAuditWriter audit) : RegulatorRecordRetention(store, audit)
{
    public const string Type = "regulator-result";

    public override string RecordType => Type;

    protected override string Find => "SELECT sent_at AS StartsAt FROM [complaints].[regulator_outbox] WHERE id = @Id";

    protected override string Expired => """
        SELECT id FROM [complaints].[regulator_outbox] WHERE sent_at IS NOT NULL AND sent_at < @Before ORDER BY sent_at, id
        """;

    protected override string Delete => "DELETE FROM [complaints].[regulator_outbox] WHERE id = @Id AND sent_at IS NOT NULL";
}

/// <summary>A transfer the bank could not accept: kept from its refusal for the retention period, then deleted.</summary>
internal sealed class TransferRejectionRetention(ComplaintStore store, IAuditWriter audit) : RegulatorRecordRetention(store, audit)
{
    public const string Type = "regulator-transfer-rejection";

    public override string RecordType => Type;

    protected override string Find => "SELECT rejected_at AS StartsAt FROM [complaints].[regulator_transfer_rejection] WHERE id = @Id";

    protected override string Expired => """
        SELECT id FROM [complaints].[regulator_transfer_rejection] WHERE rejected_at < @Before ORDER BY rejected_at, id
        """;

    protected override string Delete => "DELETE FROM [complaints].[regulator_transfer_rejection] WHERE id = @Id";
}
