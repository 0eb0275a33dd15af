using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace ConsumerProtection.DisclosureReview.Tests.Infrastructure;

/// <summary>Test documents made in code (no binaries checked in): .docx with the OpenXml SDK, text PDFs with PdfPig.</summary>
internal static class Fixtures
{
    /// <summary>A run of text; <c>Format</c>: "" plain, "b" bold, "u" underline, "h" highlight, "big" 16 pt.</summary>
    public sealed record R(string Text, string Format = "");

    public static byte[] Docx(params R[][] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            foreach (var runs in paragraphs)
            {
                var p = new DocumentFormat.OpenXml.Wordprocessing.Paragraph();
                foreach (var r in runs)
                {
                    var props = new RunProperties();
                    switch (r.Format)
                    {
                        case "b":
                            props.Append(new Bold());
                            break;
                        case "u":
                            props.Append(new Underline { Val = UnderlineValues.Single });
                            break;
                        case "h":
                            props.Append(new Highlight { Val = HighlightColorValues.Yellow });
                            break;
                        case "big":
                            props.Append(new FontSize { Val = "32" });
                            break;
                    }

                    if (r.Format != "big")
                    {
                        props.Append(new FontSize { Val = "21" });
                    }

                    p.Append(new Run(props, new Text(r.Text) { Space = SpaceProcessingModeValues.Preserve }));
                }

                body.Append(p);
            }

            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    public static byte[] Docx(params string[] paragraphs) => Docx(paragraphs.Select(p => new[] { new R(p) }).ToArray());

    /// <summary>Rewrites a package: adds or replaces entries (text content).</summary>
    public static byte[] WithEntries(byte[] package, params (string Name, string Content)[] entries)
    {
        using var stream = new MemoryStream();
        stream.Write(package);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                zip.GetEntry(name)?.Delete();
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }

        return stream.ToArray();
    }

    /// <summary>A docx-shaped zip whose one extra entry inflates to <paramref name="zeros"/> bytes.</summary>
    public static byte[] ZipBomb(long zeros)
    {
        var docx = Docx("正文");
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/media/padding.bin", CompressionLevel.SmallestSize).Open();
            var block = new byte[1 << 20];
            for (long written = 0; written < zeros; written += block.Length)
            {
                entry.Write(block);
            }
        }

        return stream.ToArray();
    }

    public static byte[] ManyEntries(int count)
    {
        var entries = Enumerable.Range(0, count).Select(i => ($"word/media/e{i}.xml", "<x/>")).ToArray();
        return WithEntries(Docx("正文"), entries);
    }

    /// <summary>A text PDF (Helvetica: Latin text), one string list per page, one line per string.</summary>
    public static byte[] Pdf(params string[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            var y = 780.0;
            foreach (var line in lines)
            {
                page.AddText(line, 11, new PdfPoint(50, y), font);
                y -= 20;
            }
        }

        return builder.Build();
    }

    /// <summary>A PDF page with a drawn rectangle and no text layer, like a scan.</summary>
    public static byte[] ImageOnlyPdf()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.DrawRectangle(new PdfPoint(50, 50), 200, 100);
        return builder.Build();
    }

    /// <summary>A hand-written PDF whose trailer names a standard-security encryption dictionary.</summary>
    public static byte[] EncryptedPdf()
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            "<< /Length 8 >>\nstream\n(abcdefg\nendstream",
            "<< /Filter /Standard /V 1 /R 2 /O <" + new string('1', 64) + "> /U <" + new string('2', 64) + "> /P -44 >>",
        };
        var text = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(text.ToString()));
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(text.ToString());
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
