using System.IO.Compression;

namespace ConsumerProtection.Modules.Complaints.Attachments;

/// <summary>
/// What a file is, by its bytes (never by its name or the Content-Type the client claims): PDF, JPEG, PNG, and the
/// common Office documents — Word, Excel and PowerPoint, both OOXML (a ZIP holding the part that names them) and the
/// older OLE2 compound files. Anything else is refused.
/// </summary>
internal static class ContentSniffer
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public const string Allowed = "PDF, JPEG, PNG, Word, Excel or PowerPoint (.docx/.xlsx/.pptx or .doc/.xls/.ppt)";

    /// <summary>The media type the content is, or null when it is none of the allowed kinds.</summary>
    public static string? Sniff(byte[] content)
    {
        ReadOnlySpan<byte> head = content;
        if (head.StartsWith(Pdf))
        {
            return "application/pdf";
        }

        if (head.StartsWith(Jpeg))
        {
            return "image/jpeg";
        }

        if (head.StartsWith(Png))
        {
            return "image/png";
        }

        if (head.StartsWith(Ole2))
        {
            // Word, Excel and PowerPoint 97-2003 share the compound-file container.
            return "application/vnd.ms-office";
        }

        return head.StartsWith(Zip) ? Ooxml(content) : null;
    }

    // An OOXML package declares its parts in [Content_Types].xml; the main part's folder says which application.
    private static string? Ooxml(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("[Content_Types].xml"))
            {
                return null;
            }

            return names.Contains("word/document.xml") ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                : names.Contains("xl/workbook.xml") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                : names.Contains("ppt/presentation.xml") ? "application/vnd.openxmlformats-officedocument.presentationml.presentation"
                : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
