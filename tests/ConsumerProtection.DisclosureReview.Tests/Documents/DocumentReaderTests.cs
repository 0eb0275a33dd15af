using System.Text;
using ConsumerProtection.Modules.DisclosureReview;
using ConsumerProtection.Modules.DisclosureReview.Documents;
using Microsoft.Extensions.Options;
using static ConsumerProtection.DisclosureReview.Tests.Infrastructure.Fixtures;

namespace ConsumerProtection.DisclosureReview.Tests.Documents;

public sealed class DocumentReaderTests
{
    private static DocumentReader Reader(long maxBytes = 1024 * 1024, long maxUncompressed = 4 * 1024 * 1024, int maxEntries = 100) =>
        new(Options.Create(new DisclosureOptions { MaxDocumentBytes = maxBytes, MaxUncompressedBytes = maxUncompressed, MaxZipEntries = maxEntries }));

    private static string Refusal(byte[] bytes, DocumentReader? reader = null) =>
        Assert.Throws<DocumentRefusedException>(() => (reader ?? Reader()).Read(bytes))!.Code;

    [Test]
    public void Read_Utf8TextWithAndWithoutBom_SplitsLines()
    {
        var plain = Reader().Read(Encoding.UTF8.GetBytes("第一行\r\n保本"));
        var bom = Reader().Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("第一行\n保本")]);
        Assert.Multiple(() =>
        {
            Assert.That(plain.Format, Is.EqualTo(SourceFormat.Text));
            Assert.That(plain.Paragraphs.Select(p => p.Text), Is.EqualTo(new[] { "第一行", "保本" }));
            Assert.That(bom.Text, Is.EqualTo("第一行\n保本"));
        });
    }

    [Test]
    public void Read_BinaryPresentedAsText_IsRefused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Refusal([.. Encoding.UTF8.GetBytes("保本"), 0, 1, 2]), Is.EqualTo("binary-content"));
            Assert.That(Refusal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]), Is.EqualTo("not-text").Or.EqualTo("binary-content"));
            Assert.That(Refusal([0xC3, 0x28, 0x41]), Is.EqualTo("not-text"));
            Assert.That(Refusal([]), Is.EqualTo("empty"));
            Assert.That(Refusal([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), Is.EqualTo("unsupported-office-format"));
        });
    }

    [Test]
    public void Read_OverTheLimit_Is413()
    {
        var e = Assert.Throws<DocumentRefusedException>(() => Reader(maxBytes: 2048).Read(Encoding.UTF8.GetBytes(new string('a', 4096))))!;
        Assert.That((e.Code, e.Status), Is.EqualTo(("too-large", 413)));
    }

    [Test]
    public void Read_Docx_ParagraphsAndEmphasis()
    {
        var bytes = Docx(
            [new R("标题")],
            [new R("因不可抗力造成的损失，"), new R("本行不承担责任", "b"), new R("。")],
            [new R("下划线", "u"), new R("高亮", "h"), new R("大字", "big"), new R("正文")]);
        var doc = Reader().Read(bytes);
        Assert.Multiple(() =>
        {
            Assert.That(doc.Format, Is.EqualTo(SourceFormat.Docx));
            Assert.That(doc.Paragraphs.Select(p => p.Text), Is.EqualTo(new[] { "标题", "因不可抗力造成的损失，本行不承担责任。", "下划线高亮大字正文" }));
            Assert.That(doc.Paragraphs[1].Emphasis, Is.EqualTo(new[] { new Emphasis(11, 7) }));
            Assert.That(doc.Paragraphs[2].Emphasis, Is.EqualTo(new[] { new Emphasis(0, 3), new Emphasis(3, 2), new Emphasis(5, 2) }));
            Assert.That(doc.Paragraphs[0].Emphasis, Is.Empty);
        });
    }

    [Test]
    public void Read_DocxRenamedAsAnything_IsStillRecognisedByContent() =>
        Assert.That(Reader().Read(Docx("保本")).Format, Is.EqualTo(SourceFormat.Docx));

    [Test]
    public void Read_MacroEnabledPackages_AreRefused()
    {
        var withVba = WithEntries(Docx("正文"), ("word/vbaProject.bin", "macro"));
        var docm = WithEntries(Docx("正文"), ("[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>"));
        Assert.Multiple(() =>
        {
            Assert.That(Refusal(withVba), Is.EqualTo("macro-enabled"));
            Assert.That(Refusal(docm), Is.EqualTo("macro-enabled"));
        });
    }

    [Test]
    public void Read_ZipBombs_AreRefusedWithBoundedWork()
    {
        var bomb = ZipBomb(zeros: 16L * 1024 * 1024);
        Assert.That(bomb, Has.Length.LessThan(1024 * 1024), "small on the wire");
        var e = Assert.Throws<DocumentRefusedException>(() => Reader(maxUncompressed: 4 * 1024 * 1024).Read(bomb))!;
        Assert.Multiple(() =>
        {
            Assert.That((e.Code, e.Status), Is.EqualTo(("zip-bomb", 413)));
            Assert.That(Refusal(ManyEntries(200), Reader(maxEntries: 50)), Is.EqualTo("zip-bomb"));
        });
    }

    [Test]
    public void Read_NonWordZip_IsRefused()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            w.Write("hello");
        }

        Assert.That(Refusal(stream.ToArray()), Is.EqualTo("unsupported-package"));
    }

    [Test]
    public void Read_TextPdf_KeepsPageNumbers()
    {
        var doc = Reader().Read(Pdf(["Balanced Fund", "Risk grade: R3"], ["The bank shall not be liable for losses."]));
        Assert.Multiple(() =>
        {
            Assert.That(doc.Format, Is.EqualTo(SourceFormat.Pdf));
            Assert.That(doc.Paragraphs.Select(p => (p.Page, p.Text)), Is.EqualTo(new (int?, string)[]
            {
                (1, "Balanced Fund"), (1, "Risk grade: R3"), (2, "The bank shall not be liable for losses."),
            }));
        });
    }

    [Test]
    public void Read_ImageOnlyPdf_HasNoTextLayer() => Assert.That(Refusal(ImageOnlyPdf()), Is.EqualTo("no-text-layer"));

    [Test]
    public void Read_EncryptedPdf_IsRefused() => Assert.That(Refusal(EncryptedPdf()), Is.EqualTo("encrypted-pdf"));

    [Test]
    public void FromText_OverMaxTextCharacters_Is413()
    {
        var reader = new DocumentReader(Options.Create(new DisclosureOptions { MaxTextCharacters = 1_000 }));
        var e = Assert.Throws<DocumentRefusedException>(() => reader.FromText(new string('字', 1_001)))!;
        Assert.Multiple(() =>
        {
            Assert.That((e.Code, e.Status), Is.EqualTo(("too-much-text", 413)));
            Assert.That(reader.FromText(new string('字', 1_000)).Text, Has.Length.EqualTo(1_000));
        });
    }
}
