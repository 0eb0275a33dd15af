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
/// An escalation event: an open complaint became due soon or overdue on one clock. Raised once per
/// (complaint, clock, state), after the alert is committed. Carries no personal data.
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
public sealed record ComplaintDeadlineAlert(
    Guid ComplaintId, string Reference, string BranchId, string? DepartmentId, string? HandlerId,
    DeadlineClock Clock, DeadlineAlertState State, DateTimeOffset DueAt, DateTimeOffset RaisedAt);
