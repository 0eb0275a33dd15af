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

    /// <summary>Working days a compliance officer has for a review (plan 6 art. 21; default 5), on the shared calendar.</summary>
    public int ReviewWorkingDays { get; set; } = 5;

    /// <summary>Months an approval of marketing material stands (default 12); the other documents' approvals do not expire.</summary>
    public int MarketingApprovalMonths { get; set; } = 12;

    /// <summary>
    /// <c>Disclosure:RequiredDocuments:{ProductType}</c>: the document types a product of that type needs before launch, as
    /// exact <c>DocumentType</c> names. Types not configured use <see cref="Checking.RequiredDocuments.Defaults"/>.
    /// </summary>
    public Dictionary<string, string[]> RequiredDocuments { get; set; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Violations()
    {
        if (ReviewWorkingDays is < 1 or > 60)
        {
            yield return "ReviewWorkingDays must be between 1 and 60.";
        }

        if (MarketingApprovalMonths is < 1 or > 60)
        {
            yield return "MarketingApprovalMonths must be between 1 and 60.";
        }

        foreach (var (type, documents) in RequiredDocuments)
        {
            if (!ConsumerProtection.Shared.Http.StrictEnum.TryParse<Checking.ProductType>(type, out _))
            {
                yield return $"RequiredDocuments:{type} is not a product type.";
            }

            foreach (var document in documents.Where(d => !ConsumerProtection.Shared.Http.StrictEnum.TryParse<Checking.DocumentType>(d, out _)))
            {
                yield return $"RequiredDocuments:{type} names {document}, which is not a document type.";
            }
        }

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
