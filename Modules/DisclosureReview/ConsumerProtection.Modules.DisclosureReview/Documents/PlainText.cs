using System.Text;

namespace ConsumerProtection.Modules.DisclosureReview.Documents;

/// <summary>.txt and .md: strict UTF-8 (with or without BOM); binary content presented as text is refused.</summary>
internal static class PlainText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ExtractedDocument Read(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new DocumentRefusedException("not-utf8", "The text is UTF-16; save it as UTF-8.");
        }

        string text;
        try
        {
            text = Strict.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            throw new DocumentRefusedException("not-text", "The content is neither a supported document (.docx, text PDF) nor UTF-8 text.");
        }

        foreach (var c in text)
        {
            // NUL and C0/C1 controls other than tab, line feed, carriage return and form feed mark binary data.
            if ((char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f')) || c == '\uFFFD')
            {
                throw new DocumentRefusedException("binary-content", "The content holds control bytes (binary data presented as text).");
            }
        }

        if (Blank.IsBlank(text))
        {
            throw new DocumentRefusedException("empty", "The document holds no text.");
        }

        return ExtractedDocument.FromText(text.Replace('\f', '\n'));
    }
}
