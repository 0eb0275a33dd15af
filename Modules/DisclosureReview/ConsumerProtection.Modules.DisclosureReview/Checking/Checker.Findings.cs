using ConsumerProtection.Modules.DisclosureReview.Documents;

namespace ConsumerProtection.Modules.DisclosureReview.Checking;

internal static partial class Checker
{
    private const int ExcerptContext = 24;

    private static Finding At(Scan scan, CompiledRule rule, Hit hit, string? note = null)
    {
        var (start, end) = scan.Norm.Original(hit.Start, hit.End);
        var (index, offset) = scan.Document.Locate(start);
        var paragraph = scan.Document.Paragraphs[index];
        var from = Math.Max(0, offset - ExcerptContext);
        var to = Math.Min(paragraph.Text.Length, offset + (end - start) + ExcerptContext);
        var excerpt = paragraph.Text[from..to].Trim();
        return Make(scan, rule, Where(scan.Document.Format, paragraph, offset), excerpt, scan.Document.Text[start..end], start, note);
    }

    private static Finding Whole(Scan scan, CompiledRule rule, string? note = null) =>
        Make(scan, rule, new FindingLocation(null, null, null, null), null, null, int.MaxValue, note);

    private static Finding Make(Scan scan, CompiledRule rule, FindingLocation where, string? excerpt, string? matched, int offset, string? note)
    {
        var c = rule.Content;
        return new Finding(
            c.Id, scan.Set.Version, rule.Kind, rule.Severity, where, excerpt, matched,
            note is null ? c.ExplanationZh : $"{c.ExplanationZh}（{note}）",
            note is null ? c.ExplanationEn : $"{c.ExplanationEn} ({note})",
            c.Source) { Offset = offset };
    }

    private static FindingLocation Where(SourceFormat format, Paragraph p, int offset) => format switch
    {
        SourceFormat.Pdf => new FindingLocation(p.Page, p.Number, null, null),
        SourceFormat.Docx => new FindingLocation(null, p.Number, null, null),
        _ => new FindingLocation(null, null, p.Number, offset + 1),
    };
}
