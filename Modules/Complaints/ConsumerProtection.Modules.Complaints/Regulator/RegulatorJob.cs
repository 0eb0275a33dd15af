using ConsumerProtection.Shared.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Modules.Complaints.Regulator;

/// <summary>
/// What the pull job and the outbox dispatcher share: the periodic loop runs <see cref="RunOnceAsync(CancellationToken)"/>
/// under the job lease, and tests call it directly, without timers.
/// </summary>
internal abstract class RegulatorJob<TResult>(IServiceProvider services, IJobLease lease, TimeProvider time, ILogger logger)
    : PeriodicJob(lease, time, logger)
{
    protected TimeProvider Time { get; } = time;
    protected ILogger Log { get; } = logger;

    /// <summary>One run.</summary>
    public Task<TResult> RunOnceAsync(CancellationToken ct) =>
        // A fresh typed client per run: the factory rotates handlers; the resilience pipeline (and its breaker) is shared.
        RunOnceAsync(services.GetRequiredService<RegulatorGatewayClient>(), ct);

    protected abstract Task<TResult> RunOnceAsync(RegulatorGatewayClient client, CancellationToken ct);

    protected override Task RunAsync(CancellationToken ct) => RunOnceAsync(ct);
}
