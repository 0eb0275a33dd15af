using ConsumerProtection.Shared.Http;
namespace ConsumerProtection.Modules.DisclosureReview.Checking;

internal enum PatternRole
{
    Term,
    Exception,
    Statement,
    OnlyIf,
}

/// <summary>A rule with its enumerations parsed and its applicability resolved.</summary>
internal sealed record CompiledRule(
    int Index,
    RuleContent Content,
    RuleKind Kind,
    Severity Severity,
    IReadOnlySet<ProductType> ProductTypes,
    IReadOnlySet<DocumentType> DocumentTypes)
{
    public bool AppliesTo(CheckSubject s) =>
        (ProductTypes.Count == 0 || ProductTypes.Contains(s.ProductType))
        && (DocumentTypes.Count == 0 || DocumentTypes.Contains(s.DocumentType))
        && (Content.When?.PrincipalProtected is not { } p || p == s.PrincipalProtected);
}

/// <summary>A rule-set version ready to check with: every phrase of every rule in one Aho–Corasick automaton.</summary>
internal sealed class CompiledRuleSet
{
    public CompiledRuleSet(int version, RuleSetContent content)
    {
        Version = version;
        Content = content;
        Rules = content.Rules.Select((r, i) => new CompiledRule(
            i, r, StrictEnum.FromStored<RuleKind>(r.Kind, "rules.kind"), StrictEnum.FromStored<Severity>(r.Severity, "rules.severity"),
            (r.When?.ProductTypes ?? []).Select(t => StrictEnum.FromStored<ProductType>(t, "rules.when.productTypes")).ToHashSet(),
            (r.When?.DocumentTypes ?? []).Select(t => StrictEnum.FromStored<DocumentType>(t, "rules.when.documentTypes")).ToHashSet())).ToList();
        var patterns = new List<string>();
        var refs = new List<(int Rule, PatternRole Role)>();
        foreach (var rule in Rules)
        {
            Add(rule.Content.Terms, rule.Index, PatternRole.Term);
            Add(rule.Content.Exceptions, rule.Index, PatternRole.Exception);
            Add(rule.Content.Statements, rule.Index, PatternRole.Statement);
            Add(rule.Content.OnlyIf, rule.Index, PatternRole.OnlyIf);
        }

        Patterns = refs;
        Matcher = new AhoCorasick(patterns);
        MarkerPairs = (content.PlainTextMarkerPairs ?? []).Where(p => p.Count == 2).Select(p => (p[0], p[1])).ToList();
        MarkerPrefixes = content.PlainTextMarkerPrefixes ?? [];

        void Add(IReadOnlyList<string>? phrases, int rule, PatternRole role)
        {
            foreach (var phrase in phrases ?? [])
            {
                patterns.Add(TextNormalizer.NormalizePattern(phrase));
                refs.Add((rule, role));
            }
        }
    }

    public int Version { get; }

    public RuleSetContent Content { get; }

    public IReadOnlyList<CompiledRule> Rules { get; }

    public IReadOnlyList<(int Rule, PatternRole Role)> Patterns { get; }

    public AhoCorasick Matcher { get; }

    public IReadOnlyList<(string Open, string Close)> MarkerPairs { get; }

    public IReadOnlyList<string> MarkerPrefixes { get; }
}
