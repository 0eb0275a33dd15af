using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Shared.Kernel.Features;

/// <summary>
/// API keys are records under retention: who held which access is evidence. A key's retention starts when it
/// is revoked or expires; an active key is never disposable. Disposal deletes the row (the audit rows stay).
/// </summary>
internal sealed class ApiKeyRetentionSource(
    [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IAuditWriter audit, TimeProvider time) : Retention.IRetentionRecordSource
{
    private const string Find = """
        SELECT id AS Id, revoked_at AS RevokedAt, expires_at AS ExpiresAt FROM [kernel].[api_key] WHERE id = @Id
        """;

    private const string Expired = """
        SELECT id FROM [kernel].[api_key]
        WHERE (revoked_at IS NOT NULL AND revoked_at < @Before)
           OR (revoked_at IS NULL AND expires_at IS NOT NULL AND expires_at < @Before)
        ORDER BY id
        """;

    private const string Delete = """
        DELETE FROM [kernel].[api_key] WHERE id = @Id
        """;

    public string RecordType => "api-key";

    public async Task<Retention.RetentionState?> FindAsync(string recordId, CancellationToken ct)
    {
        if (!Guid.TryParse(recordId, out var id))
        {
            return null;
        }

        var row = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Find, new { Id = id }, cancellationToken: ct)), ct);
        if (row is null)
        {
            return null;
        }

        var start = row.RevokedAt ?? (row.ExpiresAt <= time.GetUtcNow() ? row.ExpiresAt : null);
        return new Retention.RetentionState(id.ToString(), start);
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

    private sealed record Row(Guid Id, DateTimeOffset? RevokedAt, DateTimeOffset? ExpiresAt);
}
