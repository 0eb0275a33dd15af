namespace ConsumerProtection.Modules.DisclosureReview.Checking;

internal static partial class Checker
{
    private const int GradeWindow = 16;

    // Required disclosures (plan 6 art. 32(1): rates, fees, returns and risks, main terms; art. 32(2) complaint
    // channels; art. 22 risk grade). Missing: one finding about the whole document.
    private static IEnumerable<Finding> Required(Scan scan, CompiledRule rule, List<Hit> terms, List<Hit> onlyIf)
    {
        if (rule.Content.OnlyIf is { Count: > 0 } && onlyIf.Count == 0)
        {
            yield break;
        }

        if (!rule.Content.RiskGradeMustMatch)
        {
            if (terms.Count == 0)
            {
                yield return Whole(scan, rule);
            }

            yield break;
        }

        var expected = scan.Subject.RiskGrade.ToString();
        var stated = false;
        foreach (var t in Longest(terms))
        {
            if (GradeAfter(scan.Norm.Text, t.End) is not { } grade)
            {
                continue;
            }

            stated = true;
            if (!string.Equals(grade, expected, StringComparison.Ordinal))
            {
                yield return At(scan, rule, t, $"{grade} ≠ {expected}");
            }
        }

        if (!stated)
        {
            yield return Whole(scan, rule, "no R1–R5");
        }
    }

    // "风险等级：R3", "risk grade PR3 (balanced)": the first R1–R5 shortly after the phrase.
    private static string? GradeAfter(string text, int from)
    {
        for (var i = from; i < Math.Min(text.Length - 1, from + GradeWindow); i++)
        {
            if (text[i] == 'r' && text[i + 1] is >= '1' and <= '5' && (i + 2 >= text.Length || !char.IsDigit(text[i + 2])))
            {
                return "R" + text[i + 1];
            }
        }

        return null;
    }
}
