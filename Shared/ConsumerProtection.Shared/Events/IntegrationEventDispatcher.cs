using System.Text.Json;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Shared.Events;

/// <summary>What one dispatcher pass did.</summary>
/// <param name="Delivered">Handler deliveries that succeeded.</param>
/// <param name="Failed">Handler deliveries that threw (each retried later with backoff).</param>
/// <param name="Dispatched">Outbox rows every subscribed handler has now received.</param>
public sealed record DispatchRun(int Delivered, int Failed, int Dispatched);

/// <summary>
/// The one integration-event dispatcher (ADR 0006; lease "integration-events"). Each pass walks every registered
/// outbox's undispatched rows in sequence order and hands each to every subscribed handler that has not had it yet.
/// A delivery is recorded after the handler returns, so a crash in between delivers again (at least once). A handler
/// that throws gets a retry time (doubling backoff) and receives none of that outbox's later events until it
/// succeeds — its order per sender is kept — while the other handlers go on.
/// </summary>
public sealed class IntegrationEventDispatcher(
    IEnumerable<OutboxRegistration> outboxes, IEnumerable<HandlerRegistration> handlers, IServiceProvider services,
    IOptions<IntegrationEventOptions> options, IJobLease lease, TimeProvider time, ILogger<IntegrationEventDispatcher> logger)
    : PeriodicJob(lease, time, logger)
{
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    private readonly ILookup<(string, int), HandlerRegistration> _subscriptions = handlers.ToLookup(h => (h.TypeName, h.Version));

    protected override string Name => "integration-events";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.DispatchIntervalSeconds);

    protected override Task RunAsync(CancellationToken ct) => DispatchAllAsync(ct);

    /// <summary>One pass over every registered outbox.</summary>
    public async Task<DispatchRun> DispatchAllAsync(CancellationToken ct)
    {
        var total = new DispatchRun(0, 0, 0);
        foreach (var outbox in outboxes.DistinctBy(o => o.Schema))
        {
            var run = await DispatchAsync(services.GetRequiredKeyedService<IModuleDb>(outbox.Schema), ct);
            total = new DispatchRun(total.Delivered + run.Delivered, total.Failed + run.Failed, total.Dispatched + run.Dispatched);
        }

        return total;
    }

    private async Task<DispatchRun> DispatchAsync(IModuleDb db, CancellationToken ct)
    {
        var sql = OutboxSql.For(db.Schema, db.Dialect);
        var size = options.Value.BatchSize;
        var waiting = new HashSet<string>(StringComparer.Ordinal);
        int delivered = 0, failed = 0, dispatched = 0;
        var after = 0L;
        while (true)
        {
            var page = (await db.ReadAsync(c => c.QueryAsync<OutboxRow>(new CommandDefinition(sql.Pending,
                new { After = after, Offset = 0, Limit = size }, cancellationToken: ct)), ct)).AsList();
            if (page.Count == 0)
            {
                break;
            }

            var done = (await db.ReadAsync(c => c.QueryAsync<DeliveryRow>(new CommandDefinition(sql.Deliveries,
                new { From = page[0].Seq, To = page[^1].Seq }, cancellationToken: ct)), ct)).ToDictionary(d => (d.EventSeq, d.Handler));
            foreach (var row in page)
            {
                var complete = true;
                foreach (var handler in _subscriptions[(row.TypeName, row.Version)])
                {
                    done.TryGetValue((row.Seq, handler.Handler), out var before);
                    if (before?.DeliveredAt is not null)
                    {
                        continue;
                    }

                    if (waiting.Contains(handler.Handler) || before?.NextAttemptAt > _time.GetUtcNow())
                    {
                        // Order per sender: a handler waiting on an earlier event gets none of the later ones yet.
                        waiting.Add(handler.Handler);
                        complete = false;
                    }
                    else if (await DeliverAsync(db, sql, row, handler, before, ct))
                    {
                        delivered++;
                    }
                    else
                    {
                        failed++;
                        waiting.Add(handler.Handler);
                        complete = false;
                    }
                }

                if (complete)
                {
                    var now = _time.GetUtcNow();
                    dispatched += await db.InTransactionAsync((c, tx) =>
                        c.ExecuteAsync(new CommandDefinition(sql.MarkDispatched, new { row.Seq, Now = now }, tx, cancellationToken: ct)), ct);
                }
            }

            if (page.Count < size)
            {
                break;
            }

            after = page[^1].Seq;
        }

        return new DispatchRun(delivered, failed, dispatched);
    }

    // True when the handler returned; the delivery (or the failure and its retry time) is recorded either way.
    private async Task<bool> DeliverAsync(IModuleDb db, OutboxSql sql, OutboxRow row, HandlerRegistration handler, DeliveryRow? before, CancellationToken ct)
    {
        string? error = null;
        try
        {
            var payload = JsonSerializer.Deserialize(row.Payload, handler.EventType, JsonDefaults.Options)
                ?? throw new JsonException("The payload is null.");
            await handler.Invoke(services, payload, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The exception's type only: a message may quote data the handler was working on.
            error = ex.GetType().Name;
            _logger.LogWarning(ex, "Integration event handler {Handler} failed on {Type} v{Version} #{Seq} of {Schema}; retried later",
                handler.Handler, row.TypeName, row.Version, row.Seq, db.Schema);
        }

        var now = _time.GetUtcNow();
        var args = new
        {
            row.Seq,
            handler.Handler,
            NextAttemptAt = error is null ? (DateTimeOffset?)null : now + options.Value.RetryDelay((before?.Attempts ?? 0) + 1),
            DeliveredAt = error is null ? now : (DateTimeOffset?)null,
            LastError = error,
        };
        await db.InTransactionAsync(async (c, tx) =>
            await c.ExecuteAsync(new CommandDefinition(sql.UpdateDelivery, args, tx, cancellationToken: ct)) == 1
            || await c.ExecuteAsync(new CommandDefinition(sql.InsertDelivery, args, tx, cancellationToken: ct)) == 1, ct);
        return error is null;
    }

    private sealed class OutboxRow
    {
        public long Seq { get; init; }
        public Guid EventId { get; init; }
        public string TypeName { get; init; } = "";
        public int Version { get; init; }
        public string Payload { get; init; } = "";
    }

    private sealed class DeliveryRow
    {
        public long EventSeq { get; init; }
        public string Handler { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset? NextAttemptAt { get; init; }
        public DateTimeOffset? DeliveredAt { get; init; }
    }
}
