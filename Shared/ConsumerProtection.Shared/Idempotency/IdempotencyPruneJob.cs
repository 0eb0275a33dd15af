using ConsumerProtection.Shared.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Shared.Idempotency;

// Idempotency keys are remembered for Idempotency:RetentionHours (default 24); a retry after that is a new request.
internal sealed class IdempotencyPruneJob(
    IdempotencyStore store, IConfiguration configuration, IJobLease lease, TimeProvider time, ILogger<IdempotencyPruneJob> logger)
    : PeriodicJob(lease, time, logger)
{
    private readonly TimeProvider _time = time;

    protected override string Name => "idempotency-prune";
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override Task RunAsync(CancellationToken ct) =>
        store.PruneAsync(_time.GetUtcNow().AddHours(-configuration.GetValue("Idempotency:RetentionHours", 24)), ct);
}
