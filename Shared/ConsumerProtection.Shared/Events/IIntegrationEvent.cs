namespace ConsumerProtection.Shared.Events;

/// <summary>
/// A fact one module tells the others, written to the sender's own outbox in the transaction that made it true and
/// delivered after commit, at least once, by the kernel's dispatcher (ADR 0006). Carries references, never personal data.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>The event's id, generated before the sending transaction; handlers deduplicate on it.</summary>
    Guid EventId { get; }

    /// <summary>When the fact became true (the domain's time, not the delivery time).</summary>
    DateTimeOffset OccurredAt { get; }

    /// <summary>The event's stable name on the wire, e.g. <c>complaints.deadline-alert</c>; never a CLR type name.</summary>
    static abstract string TypeName { get; }

    /// <summary>The payload's version; a handler subscribes to one (name, version).</summary>
    static abstract int Version { get; }
}

/// <summary>
/// Reacts to one integration event. Delivery is at least once (a crash between handling and marking delivers again),
/// so a handler must be idempotent: keyed by <see cref="IIntegrationEvent.EventId"/>, or through
/// <see cref="IntegrationInbox.TryClaimAsync"/> in its own module's schema in the same transaction as its effect.
/// A handler that throws is retried with backoff; it does not hold up other handlers.
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    /// <summary>Handles one delivery of <paramref name="integrationEvent"/>.</summary>
    Task HandleAsync(TEvent integrationEvent, CancellationToken ct);
}
