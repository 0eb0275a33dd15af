using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace ConsumerProtection.Modules.DisclosureReview.Documents;

/// <summary>
/// .docx: every body paragraph (tables included) in order, with the spans set off by direct run formatting — bold,
/// underline, highlight or shading, or a font larger than the document's body size — so the liability-clause rule can
/// tell whether a clause limiting the bank's liability is highlighted (plan 6 art. 32(1); art. 27(4)8).
/// </summary>
internal static class DocxText
{
    public static ExtractedDocument Read(byte[] bytes, DisclosureOptions o)
    {
        try
        {
            ZipGuard.Inspect(bytes, o);
            using var doc = WordprocessingDocument.Open(new MemoryStream(bytes, writable: false), false, new OpenSettings
            {
                MaxCharactersInPart = o.MaxUncompressedBytes,
            });
            var body = doc.MainDocumentPart?.Document?.Body
                ?? throw new DocumentRefusedException("unsupported-package", "The Word document has no body.");
            var defaultSize = DefaultSize(doc);
            var runs = body.Descendants<W.Paragraph>().Select(p => p.Descendants<Run>().Select(r => Describe(r, defaultSize)).ToList()).ToList();
            var bodySize = BodySize(runs.SelectMany(r => r));
            var paragraphs = runs.Select((p, i) => Build(i + 1, p, bodySize)).ToList();
            if (paragraphs.All(p => Blank.IsBlank(p.Text)))
            {
                throw new DocumentRefusedException("empty", "The Word document holds no text.");
            }

            return new ExtractedDocument(SourceFormat.Docx, paragraphs);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException)
        {
            throw new DocumentRefusedException("corrupt-package", "The Word document cannot be read: " + e.Message);
        }
    }

    private sealed record RunInfo(string Text, bool Marked, int? Size);

    private static int? DefaultSize(WordprocessingDocument doc) =>
        ParseSize(doc.MainDocumentPart?.StyleDefinitionsPart?.Styles?.DocDefaults?.RunPropertiesDefault?.RunPropertiesBaseStyle?.FontSize?.Val?.Value);

    private static int? ParseSize(string? halfPoints) => int.TryParse(halfPoints, out var v) ? v : null;

    private static RunInfo Describe(Run run, int? defaultSize)
    {
        var text = new StringBuilder();
        foreach (var child in run.ChildElements)
        {
            switch (child)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append('\t');
                    break;
                case Break or CarriageReturn:
                    text.Append(' ');
                    break;
            }
        }

        var p = run.RunProperties;
        var bold = p?.Bold is { } b && (b.Val is null || b.Val.Value);
        var underline = p?.Underline?.Val is { } u && u.Value != UnderlineValues.None;
        var highlight = p?.Highlight?.Val is { } h && h.Value != HighlightColorValues.None;
        var shading = p?.Shading?.Fill?.Value is { } fill && !string.Equals(fill, "auto", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(fill, "FFFFFF", StringComparison.OrdinalIgnoreCase);
        return new RunInfo(text.ToString(), bold || underline || highlight || shading, ParseSize(p?.FontSize?.Val?.Value) ?? defaultSize);
    }

    // The body size is the size most characters are set in; a run larger than it stands out.
    private static int? BodySize(IEnumerable<RunInfo> runs) =>
        runs.Where(r => r.Size is not null).GroupBy(r => r.Size!.Value).OrderByDescending(g => g.Sum(r => r.Text.Length)).ThenBy(g => g.Key)
            .Select(g => (int?)g.Key).FirstOrDefault();

    private static Paragraph Build(int number, List<RunInfo> runs, int? bodySize)
    {
        var text = new StringBuilder();
        var emphasis = new List<Emphasis>();
        foreach (var r in runs)
        {
            if (r.Text.Length > 0 && (r.Marked || (bodySize is { } s && r.Size > s)))
            {
                emphasis.Add(new Emphasis(text.Length, r.Text.Length));
            }

            text.Append(r.Text);
        }

        return new Paragraph(number, null, text.ToString(), emphasis);
    }
}
