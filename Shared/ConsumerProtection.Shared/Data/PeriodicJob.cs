using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Shared.Data;

/// <summary>
/// A background job that runs every interval under a <see cref="IJobLease"/>, so only one host runs it at a time.
/// Failures are logged and the job tries again at the next tick.
/// </summary>
public abstract class PeriodicJob(IJobLease lease, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The lease name.</summary>
    protected abstract string Name { get; }

    /// <summary>Time between runs.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One run of the job.</summary>
    protected abstract Task RunAsync(CancellationToken ct);

    /// <summary>The longest a run in progress may go on after stopping began, when the host gives no earlier bound.</summary>
    public static readonly TimeSpan MaxDrain = TimeSpan.FromSeconds(30);

    // A stop lets the run in progress (an outbox batch being sent) finish instead of cancelling it mid-flight; it is
    // cancelled only when the host's shutdown bound (Shutdown:TimeoutSeconds) or MaxDrain runs out. No new run starts.
    private readonly CancellationTokenSource _drainOver = new();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _drainOver.CancelAfter(MaxDrain);
        await using var bound = cancellationToken.Register(_drainOver.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _drainOver.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var held = await lease.TryAcquireAsync(Name, stoppingToken);
                if (held is not null)
                {
                    await RunAsync(_drainOver.Token);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Background job {Job} failed; it runs again at the next interval", Name);
            }
        }
        while (await WaitNext(timer, stoppingToken));
    }

    private static async Task<bool> WaitNext(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
