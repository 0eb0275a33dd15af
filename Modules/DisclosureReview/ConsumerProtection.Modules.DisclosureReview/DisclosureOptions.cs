namespace ConsumerProtection.Modules.DisclosureReview;

/// <summary>The <c>Disclosure</c> settings section.</summary>
internal sealed class DisclosureOptions : Shared.Modules.ISettingsRules
{
    public const string Section = "Disclosure";

    /// <summary>Largest document accepted, in bytes (larger: 413).</summary>
    public long MaxDocumentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most bytes a .docx may expand to (zip-bomb guard).</summary>
    public long MaxUncompressedBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Most entries a .docx may hold (zip-bomb guard).</summary>
    public int MaxZipEntries { get; set; } = 2_000;

    /// <summary>Most characters of extracted text checked (longer documents are refused, 413).</summary>
    public int MaxTextCharacters { get; set; } = 2_000_000;

    public IEnumerable<string> Violations()
    {
        if (MaxDocumentBytes is < 1024 or > 200L * 1024 * 1024)
        {
            yield return "MaxDocumentBytes must be between 1 KiB and 200 MiB.";
        }

        if (MaxUncompressedBytes < MaxDocumentBytes || MaxUncompressedBytes > 2L * 1024 * 1024 * 1024)
        {
            yield return "MaxUncompressedBytes must be at least MaxDocumentBytes and at most 2 GiB.";
        }

        if (MaxZipEntries is < 10 or > 100_000)
        {
            yield return "MaxZipEntries must be between 10 and 100000.";
        }

        if (MaxTextCharacters is < 1_000 or > 50_000_000)
        {
            yield return "MaxTextCharacters must be between 1000 and 50000000.";
        }
    }
}
