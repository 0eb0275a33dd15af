namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>
/// A rule set as stored and edited (JSON). Enumerations are names, checked exactly by <see cref="RuleSetValidator"/>.
/// </summary>
internal sealed record RuleSetContent
{
    public required IReadOnlyList<RuleContent> Rules { get; init; }

    /// <summary>How plain text marks a clause as highlighted: the clause inside a pair such as 【…】 or **…**.</summary>
    public IReadOnlyList<IReadOnlyList<string>> PlainTextMarkerPairs { get; init; } = [];

    /// <summary>Or the clause's paragraph starting with one of these (e.g. 重要提示, IMPORTANT).</summary>
    public IReadOnlyList<string> PlainTextMarkerPrefixes { get; init; } = [];
}

/// <summary>One rule. Which fields matter depends on <see cref="Kind"/>; see the module README.</summary>
internal sealed record RuleContent
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required string Severity { get; init; }

    /// <summary>Phrases that trigger the rule (banned wording, proximity triggers, liability wording) or satisfy it (required disclosures).</summary>
    public required IReadOnlyList<string> Terms { get; init; }

    /// <summary>Longer phrases that contain a term but are not the claim (第一条 for 第一, 确保本 for 保本, best efforts for best).</summary>
    public IReadOnlyList<string> Exceptions { get; init; } = [];

    /// <summary>Proximity: statements one of which must stand within <see cref="Window"/> characters of the trigger.</summary>
    public IReadOnlyList<string> Statements { get; init; } = [];

    /// <summary>Proximity: the trigger counts only with a percentage figure next to it (a return figure).</summary>
    public bool RequireFigure { get; init; }

    /// <summary>Proximity window in characters (normalised text), either side of the trigger.</summary>
    public int Window { get; init; } = 150;

    /// <summary>Required disclosure: the requirement applies only when one of these appears (e.g. an expected return).</summary>
    public IReadOnlyList<string> OnlyIf { get; init; } = [];

    /// <summary>Required disclosure: the risk grade stated after a term must equal the product's (plan 6 art. 22).</summary>
    public bool RiskGradeMustMatch { get; init; }

    public RuleCondition When { get; init; } = new();

    public required string ExplanationZh { get; init; }

    public required string ExplanationEn { get; init; }

    /// <summary>The regulation the rule rests on, e.g. "plan 6 art. 27(4)7; Advertising Law art. 25".</summary>
    public required string Source { get; init; }
}

/// <summary>When a rule applies; an empty list or null means any.</summary>
internal sealed record RuleCondition
{
    public IReadOnlyList<string> ProductTypes { get; init; } = [];

    public IReadOnlyList<string> DocumentTypes { get; init; } = [];

    public bool? PrincipalProtected { get; init; }
}
