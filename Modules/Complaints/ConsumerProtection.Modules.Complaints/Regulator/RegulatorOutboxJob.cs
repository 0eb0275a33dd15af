using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Data;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ConsumerProtection.Modules.Complaints.Regulator;

internal sealed record DispatchResult(int Sent, int Failed, int Deferred);

/// <summary>
/// Delivers the outbox to the regulator, oldest first, at least once: a row is marked sent only after the regulator
/// accepted it (2xx, or 409 for an event it already has), so a crash in between means one resend of the same event
/// id, which the regulator ignores. A failed row backs off (attempts, next_attempt_at) and holds back later events
/// of its case, so the regulator never sees "closed" before "responded".
/// </summary>
internal sealed class RegulatorOutboxJob(
    IServiceProvider services, ComplaintStore store, IOptions<RegulatorOptions> options, IJobLease lease, TimeProvider time,
    ILogger<RegulatorOutboxJob> logger)
    : RegulatorJob<DispatchResult>(services, lease, time, logger)
{
    public const string SelectUnsent = """
        SELECT id, case_id, event_id, attempts, next_attempt_at, payload_json FROM [complaints].[regulator_outbox]
        WHERE sent_at IS NULL ORDER BY created_at, case_id, complaint_version
        """;

    public const string MarkSent = """
        UPDATE [complaints].[regulator_outbox] SET sent_at = @Now, attempts = attempts + 1, last_error = NULL WHERE id = @Id AND sent_at IS NULL
        """;

    public const string MarkFailed = """
        UPDATE [complaints].[regulator_outbox] SET attempts = attempts + 1, next_attempt_at = @Next, last_error = @Error
        WHERE id = @Id AND sent_at IS NULL
        """;

    protected override string Name => "regulator-outbox";
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.DispatchIntervalSeconds);

    protected override async Task<DispatchResult> RunOnceAsync(RegulatorGatewayClient client, CancellationToken ct)
    {
        var o = options.Value;
        var rows = (await store.Db.ReadAsync(c => c.QueryAsync<OutboxRow>(new CommandDefinition(
            SelectUnsent + " " + store.Db.Dialect.Page, new { Offset = 0, Limit = o.OutboxBatchSize }, cancellationToken: ct)), ct)).ToList();
        var held = new HashSet<string>(StringComparer.Ordinal);
        int sent = 0, failed = 0;
        foreach (var row in rows)
        {
            if (held.Contains(row.CaseId) || row.NextAttemptAt > Time.GetUtcNow())
            {
                held.Add(row.CaseId);
                continue;
            }

            try
            {
                var delivery = await client.PostResultAsync(row.CaseId, row.EventId, row.PayloadJson, ct);
                if (delivery.Delivered)
                {
                    await WriteAsync(MarkSent, new { row.Id, Now = Time.GetUtcNow() }, ct);
                    sent++;
                    continue;
                }

                // A client error will not heal by itself: keep the row (never drop a result), back off and say so loudly.
                Log.LogError("The regulator refused result {EventId} for case {CaseId} with HTTP {Status}", row.EventId, row.CaseId, delivery.Status);
                await FailAsync(row, $"HTTP {delivery.Status}: refused by the regulator", o, ct);
                failed++;
                held.Add(row.CaseId);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException)
            {
                // The gateway is unwell (or the breaker, open, refused the call — it may have opened during this row's
                // retries): count the attempt and stop rather than wait out the retries once per row; the next run tries again.
                await FailAsync(row, $"{ex.GetType().Name}: {ex.Message}", o, ct);
                failed++;
                break;
            }
        }

        if (sent + failed > 0)
        {
            Log.LogInformation("Regulator outbox: {Sent} sent, {Failed} failed", sent, failed);
        }

        return new DispatchResult(sent, failed, rows.Count - sent - failed);
    }

    private Task FailAsync(OutboxRow row, string error, RegulatorOptions o, CancellationToken ct) =>
        WriteAsync(MarkFailed, new
        {
            row.Id,
            Next = o.NextAttempt(Time.GetUtcNow(), row.Attempts + 1, Random.Shared.NextDouble()),
            Error = error.Length > 500 ? error[..500] : error,
        }, ct);

    private Task<int> WriteAsync(string sql, object args, CancellationToken ct) =>
        store.Db.InTransactionAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: ct)), ct);

    // Settable properties, not a positional record: Dapper then applies the Guid and instant type handlers.
    private sealed class OutboxRow
    {
        public Guid Id { get; set; }
        public string CaseId { get; set; } = "";
        public Guid EventId { get; set; }
        public int Attempts { get; set; }
        public DateTimeOffset NextAttemptAt { get; set; }
        public string PayloadJson { get; set; } = "";
    }
}
