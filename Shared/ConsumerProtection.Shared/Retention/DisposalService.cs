using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Shared.Retention;

/// <summary>The outcome of one disposal run.</summary>
public sealed record DisposalRun(int Disposed, int Held, int Failed);

/// <summary>Disposes of expired, unheld records of every registered type. Each module audits its own disposals.</summary>
public sealed class DisposalService(
    IEnumerable<IRetentionRecordSource> sources, RetentionGuard guard, ILogger<DisposalService> logger)
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
}
