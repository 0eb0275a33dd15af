namespace ConsumerProtection.Shared.Data.GroupCommit;

/// <summary>How a <see cref="GroupCommitQueue{TItem, TResult}"/> batches and shuts down (ADR 0007).</summary>
public sealed record GroupCommitOptions
{
    /// <summary>Names the queue in logs and exceptions (never item contents).</summary>
    public required string Name { get; init; }

    /// <summary>Items that may wait; a caller past it waits for room (back-pressure).</summary>
    public int Capacity { get; init; } = 10_000;

    /// <summary>Largest total weight committed in one transaction; an item heavier than this is committed alone.</summary>
    public int MaxBatchWeight { get; init; } = 500;

    /// <summary>How long shutdown waits for accepted items to commit (the host's Shutdown:TimeoutSeconds).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
