using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;

namespace ConsumerProtection.Modules.DisclosureReview.Documents;

/// <summary>
/// Text PDF: the text layer page by page, one paragraph per extracted line, page numbers kept for findings.
/// Encrypted PDFs and PDFs without a text layer (scans) are refused: the checks cannot read what they cannot see.
/// </summary>
internal static class PdfText
{
    public static ExtractedDocument Read(byte[] bytes)
    {
        try
        {
            using var pdf = PdfDocument.Open(bytes);
            if (pdf.IsEncrypted)
            {
                throw Encrypted();
            }

            var paragraphs = new List<Paragraph>();
            foreach (var page in pdf.GetPages())
            {
                var text = ContentOrderTextExtractor.GetText(page);
                var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
                var number = 0;
                foreach (var line in lines)
                {
                    if (!string.IsNullOrWhiteSpace(line))
                    {
                        paragraphs.Add(Paragraph.Plain(++number, line.TrimEnd(), page.Number));
                    }
                }
            }

            if (paragraphs.Count == 0)
            {
                throw new DocumentRefusedException(
                    "no-text-layer", "The PDF has no text layer (a scan or images only); submit the text PDF or the source document.");
            }

            return new ExtractedDocument(SourceFormat.Pdf, paragraphs);
        }
        catch (PdfDocumentEncryptedException)
        {
            throw Encrypted();
        }
        catch (PdfDocumentFormatException e)
        {
            throw new DocumentRefusedException("corrupt-pdf", "The PDF cannot be read: " + e.Message);
        }
    }

    private static DocumentRefusedException Encrypted() =>
        new("encrypted-pdf", "The PDF is encrypted; submit an unprotected copy.");
}
