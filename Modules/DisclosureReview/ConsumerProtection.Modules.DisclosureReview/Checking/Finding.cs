namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>
/// Where a finding is: page and paragraph (PDF: line on the page), paragraph (.docx), or line and column (text).
/// All null for a finding about the whole document (a required disclosure that is missing).
/// </summary>
internal sealed record FindingLocation(int? Page, int? Paragraph, int? Line, int? Column);

/// <summary>One result of the automatic checks; the same document and rule-set version always give the same list.</summary>
internal sealed record Finding(
    string RuleId,
    int RuleSetVersion,
    RuleKind Kind,
    Severity Severity,
    FindingLocation Location,
    string? Excerpt,
    string? Matched,
    string ExplanationZh,
    string ExplanationEn,
    string Source)
{
    /// <summary>Offset in the document text, for ordering only.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Offset { get; init; }
}
