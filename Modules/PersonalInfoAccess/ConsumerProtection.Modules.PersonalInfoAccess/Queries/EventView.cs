using System.Globalization;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Queries;

/// <summary>One stored row as Dapper reads it (snake_case columns onto these names).</summary>
internal sealed class EventRow
{
    public long Seq { get; init; }
    public Guid EventId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string? StaffId { get; init; }
    public string? StaffRole { get; init; }
    public string? StaffBranch { get; init; }
    public string? StaffDepartment { get; init; }
    public string SourceSystem { get; init; } = "";
    public string? CustomerRef { get; init; }
    public string Categories { get; init; } = "";
    public int MaxTier { get; init; }
    public string Action { get; init; } = "";
    public string Purpose { get; init; } = "";
    public string? PurposeText { get; init; }
    public string LegalBasis { get; init; } = "";
    public string? BusinessRef { get; init; }
    public string? ConsentRef { get; init; }
    public string? AuthorizationRef { get; init; }
    public string? Channel { get; init; }
    public string Outcome { get; init; } = "";
    public byte[] PayloadHash { get; init; } = [];
    public byte[] RowHash { get; init; } = [];
    public DateTimeOffset? PurgedAt { get; init; }
}

/// <summary>A data category of an event and its tier.</summary>
internal sealed record CategoryItem(string Name, DataTier Tier);

/// <summary>One access event as the query API shows it. A purged event keeps everything but its personal fields.</summary>
internal sealed record EventView(
    long Seq, Guid EventId, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string? StaffId, string? StaffRole,
    string? StaffBranch, string? StaffDepartment, string SourceSystem, string? CustomerReference, IReadOnlyList<CategoryItem> Categories,
    AccessAction Action, AccessPurpose Purpose, string? PurposeText, LegalBasis LegalBasis, string? BusinessReference,
    string? ConsentReference, string? AuthorizationReference, string? Channel, AccessOutcome Outcome, bool Purged,
    string PayloadHash, string RowHash)
{
    public static EventView From(EventRow r) => new(
        r.Seq, r.EventId, r.OccurredAt, r.RecordedAt, r.StaffId, r.StaffRole, r.StaffBranch, r.StaffDepartment, r.SourceSystem,
        r.CustomerRef, AccessEvent.ParseCategories(r.Categories).Select(c => new CategoryItem(c.Name, c.Tier)).ToList(),
        StrictEnum.FromStored<AccessAction>(r.Action, "action"), StrictEnum.FromStored<AccessPurpose>(r.Purpose, "purpose"), r.PurposeText, StrictEnum.FromStored<LegalBasis>(r.LegalBasis, "legalBasis"),
        r.BusinessRef, r.ConsentRef, r.AuthorizationRef, r.Channel, StrictEnum.FromStored<AccessOutcome>(r.Outcome, "outcome"), r.PurgedAt is not null,
        Convert.ToHexStringLower(r.PayloadHash), Convert.ToHexStringLower(r.RowHash));
}

/// <summary>The CSV columns of an event (export and the data-subject report's entries).</summary>
internal static class EventCsv
{
    public static readonly string[] Header =
    [
        "seq", "eventId", "occurredAt", "recordedAt", "staffId", "staffRole", "staffBranch", "staffDepartment", "sourceSystem",
        "customerReference", "categories", "maxTier", "action", "purpose", "purposeText", "legalBasis", "businessReference",
        "consentReference", "authorizationReference", "channel", "outcome", "purged", "payloadHash", "rowHash",
    ];

    public static IEnumerable<string?> Cells(EventRow r) =>
    [
        r.Seq.ToString(CultureInfo.InvariantCulture), r.EventId.ToString("D"), Instant(r.OccurredAt), Instant(r.RecordedAt), r.StaffId,
        r.StaffRole, r.StaffBranch, r.StaffDepartment, r.SourceSystem, r.CustomerRef, r.Categories.Replace(',', ' '),
        "C" + r.MaxTier.ToString(CultureInfo.InvariantCulture), r.Action, r.Purpose, r.PurposeText, r.LegalBasis, r.BusinessRef,
        r.ConsentRef, r.AuthorizationRef, r.Channel, r.Outcome, r.PurgedAt is null ? "false" : "true",
        Convert.ToHexStringLower(r.PayloadHash), Convert.ToHexStringLower(r.RowHash),
    ];

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
