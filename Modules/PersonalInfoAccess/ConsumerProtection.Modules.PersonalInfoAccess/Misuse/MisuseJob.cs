using ConsumerProtection.Shared.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary>Runs the misuse rules every <c>PiAccess:Misuse:IntervalSeconds</c> under the lease "piaccess-misuse".</summary>
internal sealed class MisuseJob(MisuseDetector detector, IOptions<MisuseOptions> options, IJobLease lease, TimeProvider time, ILogger<MisuseJob> logger)
    : PeriodicJob(lease, time, logger)
{
    protected override string Name => "piaccess-misuse";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.IntervalSeconds);

    protected override Task RunAsync(CancellationToken ct) => detector.RunOnceAsync(ct);
}
