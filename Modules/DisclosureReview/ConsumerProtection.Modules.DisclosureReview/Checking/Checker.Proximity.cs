namespace ConsumerProtection.Modules.DisclosureReview.Checking;

internal static partial class Checker
{
    private const int FigureAfter = 24;
    private const int FigureBefore = 12;

    // A return figure (年化收益率 4.5%, expected return 5%) or past performance needs its risk statement or caveat
    // close by (plan 6 arts. 27(4)4, 28; CBRC 2011 No. 5 art. 13): far away, a reader sees the figure, not the risk.
    private static IEnumerable<Finding> Proximity(Scan scan, CompiledRule rule, List<Hit> triggers, SortedHits statements)
    {
        var window = rule.Content.Window;
        foreach (var t in triggers)
        {
            if (rule.Content.RequireFigure && !HasFigure(scan.Norm.Text, t))
            {
                continue;
            }

            if (!statements.AnyOverlapping(t.Start - window, t.End + window + 1))
            {
                yield return At(scan, rule, t);
            }
        }
    }

    // A percentage right after the phrase (年化收益率：4.5%) or just before it (4.5%的年化收益率).
    private static bool HasFigure(string text, Hit t)
    {
        for (var i = t.End; i < Math.Min(text.Length, t.End + FigureAfter); i++)
        {
            if (text[i] == '%' && i > 0 && char.IsDigit(text[i - 1]))
            {
                return true;
            }
        }

        for (var i = Math.Max(1, t.Start - FigureBefore); i < t.Start; i++)
        {
            if (text[i] == '%' && char.IsDigit(text[i - 1]))
            {
                return true;
            }
        }

        return false;
    }
}
