using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Shared.Retention;

/// <summary>The outcome of one disposal run.</summary>
public sealed record DisposalRun(int Disposed, int Held, int Failed);

/// <summary>Disposes of expired, unheld records of every registered type. Each module audits its own disposals.</summary>
public sealed class DisposalService(
    IEnumerable<IRetentionRecordSource> sources, RetentionGuard guard, IOptions<RetentionOptions> options, ILogger<DisposalService> logger)
{
    private const int BatchSize = 500;

    /// <summary>The registered record types.</summary>
    public IEnumerable<IRetentionRecordSource> Sources => sources;

    /// <summary>Runs one pass over every record type.</summary>
    public async Task<DisposalRun> RunOnceAsync(CancellationToken ct)
    {
        int disposed = 0, held = 0, failed = 0;
        foreach (var source in sources)
        {
            if (source is IBatchRetentionRecordSource batched)
            {
                var (d, h, f) = await RunBatchesAsync(batched, ct);
                disposed += d;
                held += h;
                failed += f;
                continue;
            }

            var candidates = await source.FindExpiredAsync(guard.ExpiredBefore(source.RecordType), BatchSize, ct);
            foreach (var id in candidates)
            {
                var state = await source.FindAsync(id, ct);
                if (state is null)
                {
                    continue;
                }

                var decision = await guard.CheckAsync(source.RecordType, state, ct);
                if (!decision.Allowed)
                {
                    held += decision.Reason == "legal-hold" ? 1 : 0;
                    continue;
                }

                try
                {
                    await source.DisposeAsync(id, ct);
                    disposed++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failed++;
                    logger.LogError(ex, "Disposal of a {RecordType} record failed", source.RecordType);
                }
            }
        }

        logger.LogInformation("Retention disposal: {Disposed} disposed, {Held} held, {Failed} failed", disposed, held, failed);
        return new DisposalRun(disposed, held, failed);
    }

    // Batch after batch until the source runs dry or the run's cap is reached; each batch is its own short transaction,
    // so writers of the same database take turns with the disposal instead of waiting for all of it.
    private async Task<(int Disposed, int Held, int Failed)> RunBatchesAsync(IBatchRetentionRecordSource source, CancellationToken ct)
    {
        int disposed = 0, held = 0, seen = 0;
        var max = options.Value.MaxDisposalsPerRun;
        BatchDisposal batch;
        do
        {
            try
            {
                batch = await source.DisposeExpiredBatchAsync(guard.ExpiredBefore(source.RecordType), Math.Min(BatchSize, max - seen), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The batch rolled back whole; the next run tries again.
                logger.LogError(ex, "A disposal batch of {RecordType} records failed", source.RecordType);
                return (disposed, held, 1);
            }

            disposed += batch.Disposed;
            held += batch.Held;
            seen += batch.Disposed + batch.Held;
        }
        while (batch.More && seen < max);

        return (disposed, held, 0);
    }
}
