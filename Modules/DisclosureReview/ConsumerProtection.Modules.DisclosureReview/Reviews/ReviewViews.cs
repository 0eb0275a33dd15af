using ConsumerProtection.Modules.DisclosureReview.Checking;

namespace ConsumerProtection.Modules.DisclosureReview.Reviews;

/// <summary>A review in a list or the queue.</summary>
internal sealed record ReviewSummary(
    Guid Id, string ProductCode, string OwnerDepartment, int Round, ReviewStatus Status, DateTimeOffset SubmittedAt, string SubmittedBy,
    DateTimeOffset DueAt, string? ReviewerId, long Version);

/// <summary>A reviewer's comment, anchored to a document version and a place in it.</summary>
internal sealed record CommentView
{
    public Guid Id { get; init; }

    public Guid DocumentId { get; init; }

    public int VersionNumber { get; init; }

    public int? Page { get; init; }

    public int? Paragraph { get; init; }

    public int? Line { get; init; }

    public int? Column { get; init; }

    public string Body { get; init; } = "";

    public string AuthorId { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A document of the reviewed set at its latest version.</summary>
internal sealed record ReviewDocument(Guid DocumentId, DocumentType DocumentType, string Language, string Title, int Version, string Sha256, int RuleSetVersion, int Blockers);

/// <summary>One review with the documents, open blockers, comments and (once approved) what the approval binds to.</summary>
internal sealed record ReviewView(
    Guid Id, string ProductCode, string OwnerDepartment, int Round, ReviewStatus Status, long Version, DateTimeOffset SubmittedAt, string SubmittedBy,
    DateTimeOffset DueAt, string? ReviewerId, DateTimeOffset? AssignedAt, DateTimeOffset? DecidedAt, string? DecidedBy, string? DecisionReason,
    int? ReviewWorkingDays, DateTimeOffset? VoidedAt, string? VoidReason, IReadOnlyList<ReviewDocument> Documents, IReadOnlyList<OpenBlocker> OpenBlockers,
    IReadOnlyList<CommentView> Comments, IReadOnlyList<ApprovalItem> Approval, IReadOnlyList<ReviewAction> AllowedActions);

/// <summary>Reviews per status (all time), for the queue's header.</summary>
internal sealed record ReviewCounts(int Submitted, int UnderReview, int ChangesRequested, int Approved, int Rejected);

/// <summary>The officers' queue: open reviews, due first then oldest first, and the counts per status.</summary>
internal sealed record ReviewQueue(IReadOnlyList<ReviewSummary> Items, long Total, int PageNumber, int PageSize, ReviewCounts Counts);
