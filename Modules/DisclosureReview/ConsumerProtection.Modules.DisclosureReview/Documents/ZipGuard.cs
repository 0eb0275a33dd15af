using System.IO.Compression;

namespace ConsumerProtection.Modules.DisclosureReview.Documents;

/// <summary>
/// Inspects an Office zip package before any parser expands it: entry count and the bytes it really decompresses to
/// are capped while streaming (declared sizes in a zip header are not trusted), and macro-enabled packages are refused.
/// </summary>
internal static class ZipGuard
{
    public static void Inspect(byte[] bytes, DisclosureOptions o)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new DocumentRefusedException("corrupt-package", "The file starts like a zip package but cannot be read.");
        }

        using (zip)
        {
            if (zip.Entries.Count > o.MaxZipEntries)
            {
                throw new DocumentRefusedException("zip-bomb", $"The package holds more than {o.MaxZipEntries} entries.", 413);
            }

            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase) || n.Contains("vbaData", StringComparison.OrdinalIgnoreCase)))
            {
                throw new DocumentRefusedException("macro-enabled", "The document carries macros (vbaProject.bin); macro-enabled Office files are refused.");
            }

            long total = 0;
            var buffer = new byte[81920];
            string? contentTypes = null;
            foreach (var entry in zip.Entries)
            {
                using var stream = OpenEntry(entry);
                using var copy = entry.FullName == "[Content_Types].xml" ? new MemoryStream() : null;
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                    if (total > o.MaxUncompressedBytes)
                    {
                        throw new DocumentRefusedException(
                            "zip-bomb", $"The package expands to more than {o.MaxUncompressedBytes} bytes; refused as a possible zip bomb.", 413);
                    }

                    copy?.Write(buffer, 0, read);
                }

                if (copy is not null)
                {
                    contentTypes = System.Text.Encoding.UTF8.GetString(copy.ToArray());
                }
            }

            if (contentTypes is null || !names.Contains("word/document.xml"))
            {
                throw new DocumentRefusedException("unsupported-package", "The zip package is not a Word document (.docx).");
            }

            if (contentTypes.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
            {
                throw new DocumentRefusedException("macro-enabled", "The package declares a macro-enabled content type (.docm/.dotm); refused.");
            }
        }
    }

    private static Stream OpenEntry(ZipArchiveEntry entry)
    {
        try
        {
            return entry.Open();
        }
        catch (InvalidDataException)
        {
            throw new DocumentRefusedException("corrupt-package", $"The package entry '{entry.FullName}' cannot be read.");
        }
    }
}
