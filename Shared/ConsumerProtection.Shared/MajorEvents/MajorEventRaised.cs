using System.Data.Common;
using System.Text.Json.Serialization;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Events;

namespace ConsumerProtection.Shared.MajorEvents;

/// <summary>How grave a major event is (plan 6 art. 41; ADR 0008).</summary>
public enum MajorEventSeverity
{
    /// <summary>A major event to report upward within the register's report window.</summary>
    Major,

    /// <summary>A major event that may cause regional or systemic risk (plan 6 art. 41(1)); reported first.</summary>
    Critical,
}

/// <summary>Where an entry of the register stands.</summary>
public enum MajorEventStatus
{
    /// <summary>Registered, nobody has looked at it yet.</summary>
    Open,

    /// <summary>Seen by the office, not yet reported upward.</summary>
    Acknowledged,

    /// <summary>Reported upward (plan 6 art. 41): to whom, when and the report's reference are recorded.</summary>
    Reported,
}

/// <summary>
/// A module detected a major event (重大事件, plan 6 art. 41): integration event <c>kernel.major-event-raised</c> v1,
/// published through the raiser's own outbox in the transaction that records the event, and written to the kernel's
/// register by the kernel's handler, once per (<see cref="SourceModule"/>, <see cref="SourceReference"/>) (ADR 0008).
/// </summary>
/// <param name="SourceModule">The raising module's name, e.g. <c>Complaints</c>.</param>
/// <param name="SourceReference">The raiser's own id of the event (an incident id, a PI major event id); with the module, the register's key.</param>
/// <param name="Kind">What happened, in the raiser's words (e.g. <c>ProductVolume</c>, <c>PersonalInfoLeak</c>).</param>
/// <param name="Severity">How grave it is.</param>
/// <param name="OccurredAt">When it happened (as far as the raiser knows).</param>
/// <param name="DetectedAt">When the raiser detected it; the report-upward clock runs from here.</param>
/// <param name="Summary">A short description WITHOUT personal data (codes, counts, references only).</param>
/// <param name="EventId">The event's id, generated before the raiser's transaction.</param>
public sealed record MajorEventRaised(
    string SourceModule, string SourceReference, string Kind, MajorEventSeverity Severity, DateTimeOffset OccurredAt,
    DateTimeOffset DetectedAt, string Summary, Guid EventId) : IIntegrationEvent
{
    /// <inheritdoc />
    public static string TypeName => "kernel.major-event-raised";

    /// <inheritdoc />
    public static int Version => 1;

    /// <summary>The register's key as one value.</summary>
    [JsonIgnore]
    public string Key => SourceModule + "/" + SourceReference;
}

/// <summary>The office's one major-event register (plan 6 art. 41, ADR 0008): modules raise into it, the office works it.</summary>
public interface IMajorEventRegister
{
    /// <summary>
    /// Raises <paramref name="raised"/> inside the raiser's transaction <paramref name="tx"/> on <paramref name="db"/>
    /// (whose schema has an integration outbox). The register entry appears once that commits; raising the same
    /// (source module, source reference) again keeps the one entry.
    /// </summary>
    Task RaiseAsync(IModuleDb db, DbConnection connection, DbTransaction tx, MajorEventRaised raised, CancellationToken ct);
}

/// <summary>Raises through the raiser's outbox: no cross-schema SQL, nothing registered for a rolled-back change (ADR 0006).</summary>
internal sealed class OutboxMajorEventRegister : IMajorEventRegister
{
    public Task RaiseAsync(IModuleDb db, DbConnection connection, DbTransaction tx, MajorEventRaised raised, CancellationToken ct) =>
        IntegrationEvents.PublishAsync(db, connection, tx, raised, ct);
}
