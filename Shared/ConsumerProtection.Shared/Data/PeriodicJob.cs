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
                    await RunAsync(stoppingToken);
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
