using System.Collections.Concurrent;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Shared.Audit;

/// <summary>
/// Audit SQL for one schema. The schema is an identifier taken from the registered module list (never from
/// input), so it is spliced into the text once and cached; every value is a parameter.
/// </summary>
internal sealed record AuditSql(string Last, string Insert, string Select, string Count, string Stream)
{
    private static readonly ConcurrentDictionary<(string, StorageProvider), AuditSql> Cache = new();

    public const string Columns = """
        seq AS Seq, id AS Id, occurred_at AS OccurredAt, actor_id AS ActorId, actor_name AS ActorName,
        actor_roles AS ActorRoles, actor_branch AS ActorBranch, action AS Action, entity_type AS EntityType,
        entity_id AS EntityId, before_json AS BeforeJson, after_json AS AfterJson, correlation_id AS CorrelationId,
        prev_hash AS PrevHash, row_hash AS RowHash
        """;

    public const string Filter = """
        WHERE (@EntityType IS NULL OR entity_type = @EntityType)
          AND (@EntityId IS NULL OR entity_id = @EntityId)
          AND (@ActorId IS NULL OR actor_id = @ActorId)
          AND (@Action IS NULL OR action = @Action)
          AND (@From IS NULL OR occurred_at >= @From)
          AND (@To IS NULL OR occurred_at < @To)
        """;

    public static AuditSql For(IModuleDb db) => Cache.GetOrAdd((db.Schema, db.Dialect.Provider), _ =>
    {
        var t = $"[{db.Schema}].[audit_log]";
        var d = db.Dialect;
        return new AuditSql(
            Last: $"""
                SELECT {d.Top1} seq AS Seq, row_hash AS RowHash FROM {t} {d.UpdLockHint} ORDER BY seq DESC {d.Limit1}
                """,
            Insert: $"""
                INSERT INTO {t} (seq, id, occurred_at, actor_id, actor_name, actor_roles, actor_branch, action,
                    entity_type, entity_id, before_json, after_json, correlation_id, prev_hash, row_hash)
                VALUES (@Seq, @Id, @OccurredAt, @ActorId, @ActorName, @ActorRoles, @ActorBranch, @Action,
                    @EntityType, @EntityId, @BeforeJson, @AfterJson, @CorrelationId, @PrevHash, @RowHash)
                """,
            Select: $"""
                SELECT {Columns} FROM {t} {Filter} ORDER BY seq {d.Page}
                """,
            Count: $"""
                SELECT COUNT(*) FROM {t} {Filter}
                """,
            Stream: $"""
                SELECT {Columns} FROM {t} ORDER BY seq
                """);
    });
}
