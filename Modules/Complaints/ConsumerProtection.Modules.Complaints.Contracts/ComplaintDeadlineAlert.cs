using System.Text.Json.Serialization;
using ConsumerProtection.Shared.Events;

namespace ConsumerProtection.Modules.Complaints.Contracts;

/// <summary>The two deadline clocks a complaint runs against (the bank's plan 8; CBIRC Order 2020 No. 3).</summary>
public enum DeadlineClock
{
    /// <summary>The bank's internal target, in working days.</summary>
    Internal,

    /// <summary>The regulatory deadline, in calendar days.</summary>
    Regulatory,
}

/// <summary>How close a deadline is, when it is worth an escalation.</summary>
public enum DeadlineAlertState
{
    /// <summary>The deadline falls within the configured number of working days.</summary>
    DueSoon,

    /// <summary>The deadline has passed and the complaint is still open.</summary>
    Overdue,
}

/// <summary>
/// An escalation event (integration event <c>complaints.deadline-alert</c> v1): an open complaint became due soon or
/// overdue on one clock. Published once per (complaint, clock, state) through the complaints outbox in the transaction
/// that records the alert, so handlers hear it only once that is committed (ADR 0006). Carries no personal data.
/// </summary>
/// <param name="ComplaintId">The complaint's id.</param>
/// <param name="Reference">The human-readable reference (CP-yyyyMMdd-NNNNNN).</param>
/// <param name="BranchId">The branch that received the complaint.</param>
/// <param name="DepartmentId">The handling department, when assigned.</param>
/// <param name="HandlerId">The handler, when assigned.</param>
/// <param name="Clock">Which deadline.</param>
/// <param name="State">Due soon or overdue.</param>
/// <param name="DueAt">The deadline on that clock.</param>
/// <param name="RaisedAt">When the alert was raised.</param>
/// <param name="EventId">The event's id, generated before the alert's transaction; handlers deduplicate on it.</param>
public sealed record ComplaintDeadlineAlert(
    Guid ComplaintId, string Reference, string BranchId, string? DepartmentId, string? HandlerId,
    DeadlineClock Clock, DeadlineAlertState State, DateTimeOffset DueAt, DateTimeOffset RaisedAt, Guid EventId) : IIntegrationEvent
{
    /// <inheritdoc />
    public static string TypeName => "complaints.deadline-alert";

    /// <inheritdoc />
    public static int Version => 1;

    /// <summary>The alert's <see cref="RaisedAt"/>.</summary>
    [JsonIgnore]
    public DateTimeOffset OccurredAt => RaisedAt;
}
