namespace ConsumerProtection.Shared.Operations;

/// <summary>
/// Lets operators see a module's outbox: how many messages wait and since when (<c>cp.outbox.depth</c>,
/// <c>cp.outbox.age</c>). A module with an outbox registers one as a singleton; the kernel reads it at scrape time.
/// </summary>
public interface IOutboxProbe
{
    /// <summary>The outbox's name as operators see it, e.g. <c>complaints.regulator_outbox</c>.</summary>
    string Name { get; }

    /// <summary>Reads the outbox's pending count and its oldest pending message's creation time.</summary>
    Task<OutboxState> ReadAsync(CancellationToken ct);
}

/// <summary>An outbox at one instant.</summary>
/// <param name="Pending">Messages not yet delivered.</param>
/// <param name="OldestPendingSince">When the oldest of them was queued, or null when none waits.</param>
public sealed record OutboxState(long Pending, DateTimeOffset? OldestPendingSince);
