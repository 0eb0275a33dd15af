using ConsumerProtection.Shared.Operations;
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

    // Stop and Dispose can race: under WebApplicationFactory the entry point's RunAsync stops and disposes the host while
    // the factory's own StopAsync is still walking the hosted services. A stop that arrives after disposal has nothing
    // left to stop, so it returns instead of touching the disposed token source.
    private readonly Lock _gate = new();
    private bool _disposed;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _drainOver.CancelAfter(MaxDrain);
        }

        await using var bound = cancellationToken.Register(EndDrain);
        await base.StopAsync(cancellationToken);
    }

    private void EndDrain()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _drainOver.Cancel();
            }
        }
    }

    public override void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        base.Dispose(); // cancels the stopping token first, so the loop ends before the drain source goes
        _drainOver.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var drainOver = _drainOver.Token;
        do
        {
            try
            {
                await RunUnderLeaseAsync(stoppingToken, drainOver);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                OfficeMetrics.JobRan(Name, "failed");
                logger.LogError(ex, "Background job {Job} failed; it runs again at the next interval", Name);
            }
        }
        while (await WaitNext(timer, stoppingToken));
    }

    /// <summary>The job's lease name, as the <c>cp.jobs.*</c> metrics and the logs show it.</summary>
    public string JobName => Name;

    /// <summary>
    /// Runs the job once now, under its lease, as a tick would (operations, tests); false when another runner holds the
    /// lease. A failure is counted and thrown to the caller.
    /// </summary>
    public async Task<bool> RunOnceNowAsync(CancellationToken ct)
    {
        try
        {
            return await RunUnderLeaseAsync(ct, ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            OfficeMetrics.JobRan(Name, "failed");
            throw;
        }
    }

    private async Task<bool> RunUnderLeaseAsync(CancellationToken acquire, CancellationToken run)
    {
        await using var held = await lease.TryAcquireAsync(Name, acquire);
        JobLeases.Known(Name);
        if (held is null)
        {
            OfficeMetrics.JobRan(Name, "lease-busy");
            return false;
        }

        using var holding = JobLeases.Hold(Name);
        await RunAsync(run);
        OfficeMetrics.JobRan(Name, "ok");
        return true;
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
