using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>
/// Checkpoints by time: every <see cref="CheckpointOptions.EveryMinutes"/>, one checkpoint if any event came after the
/// last one. A periodic job under lease "piaccess-checkpoint", hosted only when <c>BackgroundJobs:Enabled</c>.
/// </summary>
internal sealed class CheckpointJob(Checkpointer checkpointer, IOptions<CheckpointOptions> options, IJobLease lease, TimeProvider time, ILogger<CheckpointJob> logger)
    : PeriodicJob(lease, time, logger)
{
    private static readonly Caller Actor = Caller.System("pi-access-checkpoint");

    protected override string Name => "piaccess-checkpoint";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.EveryMinutes);

    protected override Task RunAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One run: the new checkpoint, or null when no event came after the last one.</summary>
    public Task<Checkpoint?> RunOnceAsync(CancellationToken ct) => checkpointer.TakeAsync("every-minutes", 1, Actor, ct);
}
