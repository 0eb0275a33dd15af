using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.DisclosureReview.Documents;

/// <summary>
/// Turns uploaded bytes into <see cref="ExtractedDocument"/>. The type is sniffed from the content only: a name or a
/// declared content type is never trusted, so a renamed executable or a .docm sent as .docx is refused, not parsed.
/// </summary>
internal sealed class DocumentReader(IOptions<DisclosureOptions> options)
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] EmptyZip = [0x50, 0x4B, 0x05, 0x06];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>Text sent as JSON: the same character limit as extracted text.</summary>
    public ExtractedDocument FromText(string text) =>
        text.Length > options.Value.MaxTextCharacters
            ? throw new DocumentRefusedException("too-much-text", $"The text holds more than {options.Value.MaxTextCharacters} characters.", 413)
            : ExtractedDocument.FromText(text);

    public ExtractedDocument Read(byte[] bytes)
    {
        var o = options.Value;
        if (bytes.Length == 0)
        {
            throw new DocumentRefusedException("empty", "The document is empty.");
        }

        if (bytes.Length > o.MaxDocumentBytes)
        {
            throw new DocumentRefusedException("too-large", $"The document is larger than {o.MaxDocumentBytes} bytes.", 413);
        }

        var span = bytes.AsSpan();
        var document = span.StartsWith(Pdf) ? PdfText.Read(bytes)
            : span.StartsWith(Zip) || span.StartsWith(EmptyZip) ? DocxText.Read(bytes, o)
            : span.StartsWith(Ole) ? throw new DocumentRefusedException(
                "unsupported-office-format",
                "This is a legacy or encrypted Office file (OLE container): .doc, .xls, password-protected .docx. Save it as an unprotected .docx.")
            : PlainText.Read(bytes);
        if (document.Text.Length > o.MaxTextCharacters)
        {
            throw new DocumentRefusedException("too-much-text", $"The document holds more than {o.MaxTextCharacters} characters of text.", 413);
        }

        return document;
    }
}
