using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Kernel;
using ConsumerProtection.Shared.Retention;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Shared.MajorEvents;

/// <summary>
/// Register entries are records under retention (record type <c>major-event</c>): retention starts when the event was
/// reported upward; an entry not yet reported is never disposable. Legal holds are checked by the disposal service
/// before <see cref="DisposeAsync"/>; disposal deletes the row and leaves the audit rows.
/// </summary>
internal sealed class MajorEventRetentionSource(
    [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IAuditWriter audit) : IRetentionRecordSource
{

    private const string Expired = """
        SELECT id FROM [kernel].[major_event] WHERE reported_at IS NOT NULL AND reported_at < @Before ORDER BY reported_at, id
        """;

    private const string Delete = "DELETE FROM [kernel].[major_event] WHERE id = @Id AND reported_at IS NOT NULL";

    public string RecordType => "major-event";

    public async Task<RetentionState?> FindAsync(string recordId, CancellationToken ct)
    {
        if (!Guid.TryParse(recordId, out var id))
        {
            return null;
        }

        var row = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT id AS Id, reported_at AS ReportedAt FROM [kernel].[major_event] WHERE id = @Id", new { Id = id }, cancellationToken: ct)), ct);
        return row is null ? null : new RetentionState(id.ToString(), row.ReportedAt);
    }

    public async Task<IReadOnlyList<string>> FindExpiredAsync(DateTimeOffset startedBefore, int limit, CancellationToken ct) =>
        (await db.ReadAsync(c => c.QueryAsync<Guid>(new CommandDefinition(Expired, new { Before = startedBefore }, cancellationToken: ct)), ct))
        .Take(limit).Select(g => g.ToString()).ToList();

    public Task DisposeAsync(string recordId, CancellationToken ct) =>
        db.InTransactionAsync(async (c, tx) =>
        {
            var id = Guid.Parse(recordId);
            var deleted = await c.ExecuteAsync(new CommandDefinition(Delete, new { Id = id }, tx, cancellationToken: ct));
            if (deleted == 1)
            {
                await audit.AppendAsync(db, c, tx, new AuditEntry("retention.disposed", RecordType, recordId, new { Exists = true }, null), ct);
            }

            return deleted;
        }, ct);

    private sealed record Row(Guid Id, DateTimeOffset? ReportedAt);
}
