using ConsumerProtection.Modules.DisclosureReview.Documents;

namespace ConsumerProtection.Modules.DisclosureReview.Checking;

internal static partial class Checker
{
    // Clauses limiting the bank's liability must stand out "by words, symbols or type sufficient to draw the
    // consumer's attention" (plan 6 art. 27(4)8; art. 32(1)). .docx: the clause's runs are bold, underlined,
    // highlighted or larger. Text and PDF: the clause is inside a marker pair of the rule set (【…】, **…**) or its
    // paragraph starts with one of the rule set's prefixes (重要提示, IMPORTANT).
    private static bool Highlighted(Scan scan, Hit hit)
    {
        var (start, end) = scan.Norm.Original(hit.Start, hit.End);
        var (index, offset) = scan.Document.Locate(start);
        var p = scan.Document.Paragraphs[index];
        var length = Math.Min(end - start, p.Text.Length - offset);
        if (scan.Document.Format == SourceFormat.Docx)
        {
            return p.IsEmphasised(offset, length);
        }

        var trimmed = p.Text.TrimStart();
        if (scan.Set.MarkerPrefixes.Any(x => trimmed.StartsWith(x, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        foreach (var (open, close) in scan.Set.MarkerPairs)
        {
            var o = p.Text.LastIndexOf(open, offset, StringComparison.Ordinal);
            if (o < 0)
            {
                continue;
            }

            var closedBefore = p.Text.IndexOf(close, o + open.Length, StringComparison.Ordinal);
            if (closedBefore >= 0 && closedBefore < offset)
            {
                continue; // 【…】 免责 — the pair closed before the clause
            }

            if (p.Text.IndexOf(close, offset + length, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
