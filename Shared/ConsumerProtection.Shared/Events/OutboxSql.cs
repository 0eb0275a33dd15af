using System.Collections.Concurrent;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Shared.Events;

/// <summary>
/// The integration-event SQL for one schema's <c>integration_outbox</c>, <c>integration_delivery</c> and
/// <c>integration_inbox</c>. The schema comes from the registered module list (never from input), so it is spliced
/// into the text once and cached, as the audit SQL is; every value is a parameter.
/// </summary>
internal sealed record OutboxSql(
    string Insert, string Pending, string Deliveries, string MarkDispatched, string UpdateDelivery, string InsertDelivery,
    string Probe, string Claim, string RetentionFind, string RetentionExpired, string RetentionDelete, string RetentionDeleteDeliveries)
{
    private static readonly ConcurrentDictionary<(string, StorageProvider), OutboxSql> Cache = new();

    public static OutboxSql For(string schema, SqlDialect d) => Cache.GetOrAdd((schema, d.Provider), _ =>
    {
        var outbox = $"[{schema}].[integration_outbox]";
        var delivery = $"[{schema}].[integration_delivery]";
        return new OutboxSql(
            Insert: $"""
                INSERT INTO {outbox} (event_id, type_name, version, occurred_at, payload, dispatched_at)
                VALUES (@EventId, @TypeName, @Version, @OccurredAt, @Payload, NULL)
                """,
            Pending: $"""
                SELECT seq AS Seq, event_id AS EventId, type_name AS TypeName, version AS Version, payload AS Payload
                FROM {outbox} WHERE dispatched_at IS NULL AND seq > @After ORDER BY seq {d.Page}
                """,
            Deliveries: $"""
                SELECT event_seq AS EventSeq, handler AS Handler, attempts AS Attempts, next_attempt_at AS NextAttemptAt,
                    delivered_at AS DeliveredAt
                FROM {delivery} WHERE event_seq >= @From AND event_seq <= @To
                """,
            MarkDispatched: $"""
                UPDATE {outbox} SET dispatched_at = @Now WHERE seq = @Seq AND dispatched_at IS NULL
                """,
            UpdateDelivery: $"""
                UPDATE {delivery} SET attempts = attempts + 1, next_attempt_at = @NextAttemptAt, delivered_at = @DeliveredAt,
                    last_error = @LastError
                WHERE event_seq = @Seq AND handler = @Handler
                """,
            InsertDelivery: $"""
                INSERT INTO {delivery} (event_seq, handler, attempts, next_attempt_at, delivered_at, last_error)
                VALUES (@Seq, @Handler, 1, @NextAttemptAt, @DeliveredAt, @LastError)
                """,
            Probe: $"""
                SELECT COUNT(*) AS Pending, MIN(occurred_at) AS Oldest FROM {outbox} WHERE dispatched_at IS NULL
                """,
            Claim: $"""
                INSERT INTO [{schema}].[integration_inbox] (handler, event_id, processed_at)
                SELECT @Handler, @EventId, @Now
                WHERE NOT EXISTS (SELECT 1 FROM [{schema}].[integration_inbox] WHERE handler = @Handler AND event_id = @EventId)
                """,
            RetentionFind: $"""
                SELECT dispatched_at AS StartsAt FROM {outbox} WHERE event_id = @Id
                """,
            RetentionExpired: $"""
                SELECT event_id FROM {outbox} WHERE dispatched_at IS NOT NULL AND dispatched_at < @Before ORDER BY dispatched_at, seq
                """,
            RetentionDelete: $"""
                DELETE FROM {outbox} WHERE event_id = @Id AND dispatched_at IS NOT NULL
                """,
            RetentionDeleteDeliveries: $"""
                DELETE FROM {delivery} WHERE event_seq IN (SELECT seq FROM {outbox} WHERE event_id = @Id AND dispatched_at IS NOT NULL)
                """);
    });
}
