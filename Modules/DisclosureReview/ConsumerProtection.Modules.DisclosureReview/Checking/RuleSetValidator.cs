using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>Checks an edited rule set field by field before it becomes a new version.</summary>
internal static class RuleSetValidator
{
    public const int MaxRules = 2_000;
    public const int MaxTermsPerRule = 500;

    public static void Validate(RuleSetContent content, Validation v, string root = "content")
    {
        var prefix = root + ".rules";
        if (content.Rules is null || content.Rules.Count == 0)
        {
            v.Add(prefix, "must hold at least one rule.");
            return;
        }

        v.Check(content.Rules.Count <= MaxRules, prefix, $"must hold at most {MaxRules} rules.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < content.Rules.Count; i++)
        {
            var r = content.Rules[i];
            var f = $"{prefix}[{i}]";
            if (r is null)
            {
                v.Add(f, "is required.");
                continue;
            }

            v.Text(f + ".id", r.Id, 50);
            v.Check(r.Id is null || ids.Add(r.Id), f + ".id", "is used by an earlier rule.");
            v.Check(StrictEnum.TryParse<RuleKind>(r.Kind, out var kind), f + ".kind", "must be one of " + string.Join(", ", StrictEnum.Names(typeof(RuleKind))) + ".");
            v.Check(StrictEnum.TryParse<Severity>(r.Severity, out _), f + ".severity", "must be one of " + string.Join(", ", StrictEnum.Names(typeof(Severity))) + ".");
            Phrases(v, f + ".terms", r.Terms, required: true);
            Phrases(v, f + ".exceptions", r.Exceptions, required: false);
            Phrases(v, f + ".statements", r.Statements, required: kind == RuleKind.Proximity);
            Phrases(v, f + ".onlyIf", r.OnlyIf, required: false);
            v.Check(r.Window is >= 10 and <= 2_000, f + ".window", "must be between 10 and 2000.");
            v.Text(f + ".explanationZh", r.ExplanationZh, 1_000);
            v.Text(f + ".explanationEn", r.ExplanationEn, 1_000);
            v.Text(f + ".source", r.Source, 300);
            var when = r.When ?? new RuleCondition();
            foreach (var (name, j) in (when.ProductTypes ?? []).Select((n, j) => (n, j)))
            {
                v.Check(StrictEnum.TryParse<ProductType>(name, out _), $"{f}.when.productTypes[{j}]", "must be one of " + string.Join(", ", StrictEnum.Names(typeof(ProductType))) + ".");
            }

            foreach (var (name, j) in (when.DocumentTypes ?? []).Select((n, j) => (n, j)))
            {
                v.Check(StrictEnum.TryParse<DocumentType>(name, out _), $"{f}.when.documentTypes[{j}]", "must be one of " + string.Join(", ", StrictEnum.Names(typeof(DocumentType))) + ".");
            }
        }

        foreach (var (pair, i) in (content.PlainTextMarkerPairs ?? []).Select((p, i) => (p, i)))
        {
            v.Check(pair is { Count: 2 } && pair.All(s => !string.IsNullOrEmpty(s) && s.Length <= 10),
                $"{root}.plainTextMarkerPairs[{i}]", "must be an opening and a closing marker of 1–10 characters.");
        }

        // Prefixes are compared with the paragraph's original text, so symbols such as ★ are fine.
        foreach (var (p, i) in (content.PlainTextMarkerPrefixes ?? []).Select((p, i) => (p, i)))
        {
            v.Check(!string.IsNullOrWhiteSpace(p) && p.Length <= 20, $"{root}.plainTextMarkerPrefixes[{i}]", "must be 1–20 characters.");
        }
    }

    private static void Phrases(Validation v, string field, IReadOnlyList<string>? phrases, bool required)
    {
        if (phrases is null || phrases.Count == 0)
        {
            v.Check(!required, field, "must hold at least one phrase.");
            return;
        }

        v.Check(phrases.Count <= MaxTermsPerRule, field, $"must hold at most {MaxTermsPerRule} phrases.");
        for (var i = 0; i < phrases.Count; i++)
        {
            var p = phrases[i];
            // A phrase must keep at least two characters after normalisation: "#1" would become "1" and match every digit.
            var ok = !string.IsNullOrWhiteSpace(p) && p.Length <= 100 && TextNormalizer.NormalizePattern(p).Length >= 2;
            v.Check(ok, $"{field}[{i}]", "must be 1–100 characters that keep at least two letters, digits or ideographs after normalisation.");
        }
    }
}
