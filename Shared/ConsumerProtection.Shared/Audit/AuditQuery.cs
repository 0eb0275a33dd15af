using ConsumerProtection.Shared.Data;
using Dapper;

namespace ConsumerProtection.Shared.Audit;

/// <summary>Filters for reading an audit log; null means "any".</summary>
public sealed record AuditFilter(
    string? EntityType = null, string? EntityId = null, string? ActorId = null, string? Action = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>Reads a schema's audit rows (newest last), paged.</summary>
public static class AuditQuery
{
    /// <summary>One page of audit rows matching <paramref name="filter"/> and the total count.</summary>
    public static Task<(IReadOnlyList<AuditRecord> Items, long Total)> PageAsync(
        IModuleDb db, AuditFilter filter, int offset, int limit, CancellationToken ct) =>
        db.ReadAsync(async connection =>
        {
            var sql = AuditSql.For(db);
            var args = new
            {
                filter.EntityType, filter.EntityId, filter.ActorId, filter.Action, filter.From, filter.To,
                Offset = offset, Limit = limit,
            };
            var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql.Count, args, cancellationToken: ct));
            var items = await connection.QueryAsync<AuditRecord>(new CommandDefinition(sql.Select, args, cancellationToken: ct));
            return ((IReadOnlyList<AuditRecord>)items.AsList(), total);
        }, ct);

    /// <summary>Every audit row of one entity, in order: the entity's timeline.</summary>
    public static async Task<IReadOnlyList<AuditRecord>> TimelineAsync(IModuleDb db, string entityType, string entityId, CancellationToken ct)
    {
        var (items, _) = await PageAsync(db, new AuditFilter(entityType, entityId), 0, int.MaxValue, ct);
        return items;
    }
}
