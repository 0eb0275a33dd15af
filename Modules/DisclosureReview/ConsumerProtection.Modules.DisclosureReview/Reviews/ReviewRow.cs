using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Http.Workflow;

namespace ConsumerProtection.Modules.DisclosureReview.Reviews;

/// <summary>
/// A review of a product's document set (plan 6 art. 21): Submitted → UnderReview (assigned to a compliance officer) →
/// ChangesRequested, Approved or Rejected. An approval is void once any document gets a new version.
/// </summary>
internal enum ReviewStatus
{
    /// <summary>Submitted, waiting for a reviewing officer.</summary>
    Submitted,

    /// <summary>An officer is reviewing it.</summary>
    UnderReview,

    /// <summary>The officer asked for changes; a new version may be submitted.</summary>
    ChangesRequested,

    /// <summary>Approved for launch.</summary>
    Approved,

    /// <summary>Rejected; the product may not launch as submitted.</summary>
    Rejected,
}

/// <summary>The officer's decision.</summary>
internal enum ReviewDecision
{
    /// <summary>Ask for changes before the product can launch.</summary>
    ChangesRequested,

    /// <summary>Approve for launch (every blocker resolved or waived).</summary>
    Approved,

    /// <summary>Reject the submission.</summary>
    Rejected,
}

internal enum ReviewAction
{
    /// <summary>Assign the review to an officer.</summary>
    Assign,

    /// <summary>An officer takes the review for themselves.</summary>
    Take,

    /// <summary>Add a comment.</summary>
    Comment,

    /// <summary>Waive a finding, with a reason.</summary>
    Waive,

    /// <summary>Record the decision.</summary>
    Decide,
}

internal static class ReviewLifecycle
{
    /// <summary>The review workflow as the shared state machine (the 409 with allowedActions of every review change).</summary>
    public static readonly StateMachine<ReviewStatus, ReviewAction> Machine = new("review", new Dictionary<ReviewStatus, ReviewAction[]>
    {
        [ReviewStatus.Submitted] = [ReviewAction.Assign, ReviewAction.Take],
        [ReviewStatus.UnderReview] = [ReviewAction.Assign, ReviewAction.Take, ReviewAction.Comment, ReviewAction.Waive, ReviewAction.Decide],
        [ReviewStatus.ChangesRequested] = [],
        [ReviewStatus.Approved] = [],
        [ReviewStatus.Rejected] = [],
    });

    public static bool Allows(ReviewStatus status, ReviewAction action) => Machine.Allows(status, action);

    public static IReadOnlyList<ReviewAction> AllowedActions(ReviewStatus status) => Machine.AllowedActions(status);

    public static bool IsOpen(ReviewStatus status) => status is ReviewStatus.Submitted or ReviewStatus.UnderReview;
}

internal sealed class ReviewRow
{
    public Guid Id { get; set; }

    public Guid ProductId { get; set; }

    public string DepartmentId { get; set; } = "";

    /// <summary>Filled by list queries that join the product.</summary>
    public string? ProductCode { get; set; }

    public int Round { get; set; }

    public string Status { get; set; } = "";

    public long Version { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public string SubmittedBy { get; set; } = "";

    public DateTimeOffset DueAt { get; set; }

    public string? ReviewerId { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public string? DecisionReason { get; set; }

    public int? ReviewWorkingDays { get; set; }

    public DateTimeOffset? VoidedAt { get; set; }

    public string? VoidReason { get; set; }

    public ReviewStatus StatusValue => StrictEnum.FromStored<ReviewStatus>(Status, "status");
}
