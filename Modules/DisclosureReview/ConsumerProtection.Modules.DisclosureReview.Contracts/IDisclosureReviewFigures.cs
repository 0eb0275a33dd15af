namespace ConsumerProtection.Modules.DisclosureReview.Contracts;

/// <summary>
/// Aggregate figures of the consumer-protection review of products (plan 6 arts. 20–22) for Assessment and the
/// regulator report. Each figure counts what happened in the period: reviews submitted, decisions taken, checks run.
/// </summary>
public interface IDisclosureReviewFigures
{
    /// <summary>The figures for <paramref name="query"/>; the period must not be empty or reversed.</summary>
    Task<DisclosureReviewFigures> GetAsync(DisclosureFiguresQuery query, CancellationToken ct);
}

/// <summary>A period of bank-local days (both inclusive) and optionally one owner department (null: all).</summary>
/// <param name="From">First day of the period.</param>
/// <param name="To">Last day of the period.</param>
/// <param name="Department">The products' owner department, or null for the whole bank.</param>
public sealed record DisclosureFiguresQuery(DateOnly From, DateOnly To, string? Department);

/// <summary>How many findings one rule produced.</summary>
/// <param name="RuleId">The rule's id (e.g. BAN-GUARANTEE).</param>
/// <param name="Findings">Findings of that rule.</param>
public sealed record RuleFindingCount(string RuleId, int Findings);

/// <summary>The figures of one period and unit.</summary>
/// <param name="Query">What was asked.</param>
/// <param name="Submitted">Reviews submitted in the period.</param>
/// <param name="ApprovedFirstTime">Approvals in the period of a product's first review (no earlier round).</param>
/// <param name="Approved">All approvals in the period.</param>
/// <param name="ChangesRequested">Decisions "changes requested" in the period.</param>
/// <param name="Rejected">Rejections in the period.</param>
/// <param name="FindingsByRule">Findings of the automatic checks of document versions uploaded in the period, by rule id (ordinal order).</param>
/// <param name="MeanReviewWorkingDays">Mean working days from submission to decision over the decisions in the period; null without decisions.</param>
public sealed record DisclosureReviewFigures(
    DisclosureFiguresQuery Query, int Submitted, int ApprovedFirstTime, int Approved, int ChangesRequested, int Rejected,
    IReadOnlyList<RuleFindingCount> FindingsByRule, double? MeanReviewWorkingDays);
