using System.Text.Json;
using ConsumerProtection.Modules.DisclosureReview.Checking;
using ConsumerProtection.Modules.DisclosureReview.Documents;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.DisclosureReview.ProductDocuments;

/// <summary>A product's document (contract, fee schedule, marketing material…); its content lives in versions.</summary>
internal sealed class DocumentRow
{
    public Guid Id { get; set; }

    public Guid ProductId { get; set; }

    public string DocumentType { get; set; } = "";

    public string Language { get; set; } = "";

    public string Title { get; set; } = "";

    public int LatestVersion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DocumentType TypeValue => StrictEnum.FromStored<DocumentType>(DocumentType, "documentType");
}

/// <summary>One uploaded version: metadata, hash and findings (the original bytes and text are read only when asked for).</summary>
internal sealed class VersionRow
{
    public Guid DocumentId { get; set; }

    public int Number { get; set; }

    public string? FileName { get; set; }

    public string Format { get; set; } = "";

    public long ByteLength { get; set; }

    public string Sha256 { get; set; } = "";

    public int Paragraphs { get; set; }

    public int RuleSetVersion { get; set; }

    public string Findings { get; set; } = "[]";

    public int Blockers { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public string UploadedBy { get; set; } = "";

    public IReadOnlyList<Finding> FindingList => JsonSerializer.Deserialize<List<Finding>>(Findings, JsonDefaults.Options) ?? [];
}

internal sealed record DocumentView(
    Guid Id, DocumentType DocumentType, string Language, string Title, int LatestVersion, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static DocumentView From(DocumentRow r) => new(r.Id, r.TypeValue, r.Language, r.Title, r.LatestVersion, r.CreatedAt, r.CreatedBy);
}

/// <summary>A waiver of one blocker finding by a second compliance officer (four eyes).</summary>
internal sealed record WaiverView
{
    public int FindingIndex { get; init; }

    public string RuleId { get; init; } = "";

    public string Reason { get; init; } = "";

    public string WaivedBy { get; init; } = "";

    public DateTimeOffset WaivedAt { get; init; }

    public Guid ReviewId { get; init; }
}

/// <summary>
/// A version as the API shows it: its hash, the rule-set version it was checked with and its findings (index = position
/// in the list; waivers name that index).
/// </summary>
internal sealed record VersionView(
    Guid DocumentId, int Number, string? FileName, SourceFormat Format, long ByteLength, string Sha256, int Paragraphs, int RuleSetVersion,
    int Blockers, int OpenBlockers, DateTimeOffset UploadedAt, string UploadedBy, IReadOnlyList<Finding> Findings, IReadOnlyList<WaiverView> Waivers)
{
    public static VersionView From(VersionRow r, IReadOnlyList<WaiverView> waivers)
    {
        var findings = r.FindingList;
        var open = findings.Select((f, i) => (f, i)).Count(x => x.f.Severity == Severity.Blocker && waivers.All(w => w.FindingIndex != x.i));
        return new(r.DocumentId, r.Number, r.FileName, StrictEnum.FromStored<SourceFormat>(r.Format, "format"), r.ByteLength, r.Sha256, r.Paragraphs,
            r.RuleSetVersion, r.Blockers, open, r.UploadedAt, r.UploadedBy, findings, waivers);
    }
}
