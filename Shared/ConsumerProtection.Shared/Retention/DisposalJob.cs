using ConsumerProtection.Shared.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Shared.Retention;

internal sealed class DisposalJob(
    DisposalService disposal, IOptions<RetentionOptions> options, IJobLease lease, TimeProvider time, ILogger<DisposalJob> logger)
    : PeriodicJob(lease, time, logger)
{
    protected override string Name => "retention-disposal";
    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.DisposalIntervalMinutes);
    protected override Task RunAsync(CancellationToken ct) => disposal.RunOnceAsync(ct);
}
