using ConsumerProtection.Modules.DisclosureReview.Documents;

namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>
/// Runs a compiled rule set over a document: one normalisation, one Aho–Corasick pass, then each applicable rule judges
/// its own matches. Deterministic: findings are ordered by position, then rule id.
/// </summary>
internal static partial class Checker
{
    private sealed record Hit(int Start, int End);

    private sealed class RuleHits
    {
        public List<Hit> Terms { get; } = [];

        public List<Hit> Exceptions { get; } = [];

        public List<Hit> Statements { get; } = [];

        public List<Hit> OnlyIf { get; } = [];
    }

    private sealed record Scan(ExtractedDocument Document, NormalizedText Norm, CompiledRuleSet Set, CheckSubject Subject);

    public static IReadOnlyList<Finding> Check(CompiledRuleSet set, ExtractedDocument document, CheckSubject subject)
    {
        var norm = TextNormalizer.Normalize(document.Text);
        var scan = new Scan(document, norm, set, subject);
        var applicable = set.Rules.Where(r => r.AppliesTo(subject)).ToList();
        var hits = new RuleHits?[set.Rules.Count];
        foreach (var r in applicable)
        {
            hits[r.Index] = new RuleHits();
        }

        foreach (var (pattern, start, end) in set.Matcher.Matches(norm.Text))
        {
            var (rule, role) = set.Patterns[pattern];
            if (hits[rule] is not { } h || !AtWordEdges(norm.Text, start, end))
            {
                continue;
            }

            (role switch
            {
                PatternRole.Term => h.Terms,
                PatternRole.Exception => h.Exceptions,
                PatternRole.Statement => h.Statements,
                _ => h.OnlyIf,
            }).Add(new Hit(start, end));
        }

        var findings = new List<Finding>();
        ClaimContext? context = null;
        foreach (var rule in applicable)
        {
            var h = hits[rule.Index]!;
            var exceptions = new SortedHits(h.Exceptions);
            var terms = exceptions.Count == 0 ? h.Terms : h.Terms.Where(t => !exceptions.AnyCovering(t.Start, t.End)).ToList();
            switch (rule.Kind)
            {
                case RuleKind.BannedClaim:
                    context ??= new ClaimContext(norm, document.Text);
                    var claims = terms.Where(t => context.IsClaim(t.Start));
                    findings.AddRange(Longest(claims).Select(t => At(scan, rule, t)));
                    break;
                case RuleKind.Proximity:
                    findings.AddRange(Proximity(scan, rule, Longest(terms), new SortedHits(h.Statements)));
                    break;
                case RuleKind.RequiredDisclosure:
                    findings.AddRange(Required(scan, rule, terms, h.OnlyIf));
                    break;
                case RuleKind.LiabilityClause:
                    findings.AddRange(Longest(terms).Where(t => !Highlighted(scan, t)).Select(t => At(scan, rule, t)));
                    break;
            }
        }

        return findings.OrderBy(f => f.Offset).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList();
    }

    // A phrase that starts or ends with a Latin letter or digit must not continue a word: "best" is not in "asbestos".
    private static bool AtWordEdges(string text, int start, int end) =>
        !(TextNormalizer.IsLatinWord(text[start]) && start > 0 && TextNormalizer.IsLatinWord(text[start - 1]))
        && !(TextNormalizer.IsLatinWord(text[end - 1]) && end < text.Length && TextNormalizer.IsLatinWord(text[end]));

    // Overlapping matches of one rule (年化收益率 inside 预期年化收益率) count once, as the longest.
    private static List<Hit> Longest(IEnumerable<Hit> hits)
    {
        var kept = new List<Hit>();
        foreach (var h in hits.OrderBy(h => h.Start).ThenByDescending(h => h.End - h.Start))
        {
            if (kept.Count == 0 || h.Start >= kept[^1].End)
            {
                kept.Add(h);
            }
        }

        return kept;
    }
}
