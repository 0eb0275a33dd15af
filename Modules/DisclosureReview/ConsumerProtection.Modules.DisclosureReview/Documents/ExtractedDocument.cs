namespace ConsumerProtection.Modules.DisclosureReview.Documents;

/// <summary>What a document's bytes turned out to be (sniffed from the content, never from a name or a declared type).</summary>
internal enum SourceFormat
{
    /// <summary>Plain text.</summary>
    Text,

    /// <summary>A Word (.docx) document.</summary>
    Docx,

    /// <summary>A PDF document.</summary>
    Pdf,
}

/// <summary>A span of a paragraph set off visibly: bold, underlined, highlighted or in a larger font (plan 6 art. 32).</summary>
internal readonly record struct Emphasis(int Start, int Length);

/// <summary>
/// One paragraph of extracted text. <see cref="Number"/> is the 1-based paragraph (.docx, PDF line on its page) or line
/// (text) number; <see cref="Page"/> is set for PDF.
/// </summary>
internal sealed record Paragraph(int Number, int? Page, string Text, IReadOnlyList<Emphasis> Emphasis)
{
    public static Paragraph Plain(int number, string text, int? page = null) => new(number, page, text, []);

    /// <summary>True when [start, start+length) lies wholly inside emphasised spans.</summary>
    public bool IsEmphasised(int start, int length)
    {
        var end = start + length;
        var covered = start;
        foreach (var e in Emphasis.OrderBy(e => e.Start))
        {
            if (e.Start > covered)
            {
                break;
            }

            covered = Math.Max(covered, e.Start + e.Length);
            if (covered >= end)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A document's text by paragraph, in reading order, as the checks see it.</summary>
internal sealed class ExtractedDocument
{
    private readonly int[] _starts;

    public ExtractedDocument(SourceFormat format, IReadOnlyList<Paragraph> paragraphs)
    {
        Format = format;
        Paragraphs = paragraphs;
        _starts = new int[paragraphs.Count];
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < paragraphs.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('\n');
            }

            _starts[i] = builder.Length;
            builder.Append(paragraphs[i].Text);
        }

        Text = builder.ToString();
    }

    public SourceFormat Format { get; }

    public IReadOnlyList<Paragraph> Paragraphs { get; }

    /// <summary>The paragraphs joined by '\n'; finding offsets refer to this text.</summary>
    public string Text { get; }

    /// <summary>Plain text split into lines (\r\n, \n or \r).</summary>
    public static ExtractedDocument FromText(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        return new ExtractedDocument(SourceFormat.Text, lines.Select((l, i) => Paragraph.Plain(i + 1, l)).ToList());
    }

    /// <summary>The paragraph index holding <paramref name="offset"/> of <see cref="Text"/> and the offset inside it.</summary>
    public (int Index, int Offset) Locate(int offset)
    {
        var i = Array.BinarySearch(_starts, offset);
        if (i < 0)
        {
            i = ~i - 1;
        }

        i = Math.Clamp(i, 0, Math.Max(0, _starts.Length - 1));
        return (i, offset - (_starts.Length == 0 ? 0 : _starts[i]));
    }
}
