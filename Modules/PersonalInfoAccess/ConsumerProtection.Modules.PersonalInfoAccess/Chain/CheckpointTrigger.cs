using System.Threading.Channels;
using ConsumerProtection.Modules.PersonalInfoAccess.Ingest;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>
/// Checkpoints by count: listens to the group-commit writer and, once <see cref="CheckpointOptions.EveryEvents"/> events
/// were committed past the last checkpoint, wakes a loop that takes one. The listener only compares two numbers and posts
/// to a channel — it never blocks or writes in the writer's commit path. Hosted on every host, whatever
/// <c>BackgroundJobs:Enabled</c> says: it follows the writer (the host that writes is the host that counts), takes no
/// lease, and <see cref="Checkpointer.TakeAsync"/> re-checks the count in the database, so hosts never double up.
/// Start-up also loads (or generates) the signing key, so a bad key setting stops the host.
/// </summary>
internal sealed class CheckpointTrigger(
    GroupCommitWriter writer, Checkpointer checkpointer, CheckpointKey key, IOptions<CheckpointOptions> options,
    ILogger<CheckpointTrigger> logger) : BackgroundService
{
    private static readonly Caller Actor = Caller.System("pi-access-checkpoint");

    // null = "check the count"; a completion source = a marker completed once everything before it was handled.
    private readonly Channel<TaskCompletionSource?> _signals = Channel.CreateUnbounded<TaskCompletionSource?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly long _every = options.Value.EveryEvents;
    private int _pending;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        key.EnsureLoaded();
        writer.OnCommitted(Committed);
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Completes once every signal posted before this call was handled (tests; an orderly drain).</summary>
    public Task SettledAsync()
    {
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _signals.Writer.TryWrite(marker) ? marker.Task : Task.CompletedTask;
    }

    private void Committed(long lastSeq)
    {
        var last = checkpointer.LastKnownSeq;
        if ((last < 0 || lastSeq - last >= _every) && Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _signals.Writer.TryWrite(null);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var signal in _signals.Reader.ReadAllAsync(stoppingToken))
            {
                if (signal is not null)
                {
                    signal.TrySetResult();
                    continue;
                }

                Volatile.Write(ref _pending, 0);
                try
                {
                    await checkpointer.TakeAsync("every-events", _every, Actor, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Taking a checkpoint by count failed; the next commit past the count tries again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _signals.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }
}
