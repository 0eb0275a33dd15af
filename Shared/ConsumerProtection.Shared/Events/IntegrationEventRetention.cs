using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Retention;
using Dapper;

namespace ConsumerProtection.Shared.Events;

/// <summary>
/// One schema's outbox rows under retention (record type <c>&lt;schema&gt;-integration-event</c>, id = the event id):
/// kept from when every handler had the event, then deleted with their delivery records and audited in that schema.
/// An event still owed to a handler is active and never disposed of (ADR 0006).
/// </summary>
internal sealed class IntegrationEventRetention(IModuleDb db, IAuditWriter audit) : IRetentionRecordSource
{
    public string RecordType => $"{db.Schema}-integration-event";

    public async Task<RetentionState?> FindAsync(string recordId, CancellationToken ct)
    {
        if (!Guid.TryParse(recordId, out var id))
        {
            return null;
        }

        var sql = OutboxSql.For(db.Schema, db.Dialect);
        var row = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(sql.RetentionFind, new { Id = id }, cancellationToken: ct)), ct);
        return row is null ? null : new RetentionState(id.ToString(), row.StartsAt);
    }

    public async Task<IReadOnlyList<string>> FindExpiredAsync(DateTimeOffset startedBefore, int limit, CancellationToken ct) =>
        (await db.ReadAsync(c => c.QueryAsync<Guid>(new CommandDefinition(OutboxSql.For(db.Schema, db.Dialect).RetentionExpired + " " + db.Dialect.Page,
            new { Before = startedBefore, Offset = 0, Limit = limit }, cancellationToken: ct)), ct)).Select(g => g.ToString()).ToList();

    public Task DisposeAsync(string recordId, CancellationToken ct) =>
        db.InTransactionAsync(async (c, tx) =>
        {
            var sql = OutboxSql.For(db.Schema, db.Dialect);
            var args = new { Id = Guid.Parse(recordId) };
            await c.ExecuteAsync(new CommandDefinition(sql.RetentionDeleteDeliveries, args, tx, cancellationToken: ct));
            if (await c.ExecuteAsync(new CommandDefinition(sql.RetentionDelete, args, tx, cancellationToken: ct)) == 1)
            {
                await audit.AppendAsync(db, c, tx, new AuditEntry(RecordType + ".disposed", RecordType, recordId,
                    new { Disposed = false }, new { Disposed = true }), ct);
            }

            return 0;
        }, ct);

    private sealed record Row(DateTimeOffset? StartsAt);
}
