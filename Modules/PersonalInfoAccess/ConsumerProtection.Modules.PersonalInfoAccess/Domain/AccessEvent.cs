using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Domain;

/// <summary>One data category touched by an access, with its JR/T 0171-2020 tier (PBOC JR/T 0171-2020).</summary>
internal readonly record struct DataCategory(string Name, DataTier Tier);

/// <summary>
/// A validated access event, normalised (categories sorted by name, blanks as null). What is stored and hashed;
/// the chain position (seq, recorded_at, hashes) is added by the writer.
/// </summary>
internal sealed record AccessEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string StaffId { get; init; }
    public string? StaffRole { get; init; }
    public string? StaffBranch { get; init; }
    public string? StaffDepartment { get; init; }
    public required string SourceSystem { get; init; }
    public required string CustomerRef { get; init; }
    public required IReadOnlyList<DataCategory> Categories { get; init; }
    public required AccessAction Action { get; init; }
    public required AccessPurpose Purpose { get; init; }
    public string? PurposeText { get; init; }
    public required LegalBasis LegalBasis { get; init; }
    public string? BusinessRef { get; init; }
    public string? ConsentRef { get; init; }
    public string? AuthorizationRef { get; init; }
    public string? Channel { get; init; }
    public required AccessOutcome Outcome { get; init; }

    /// <summary>The highest tier among the categories (C3 = 3).</summary>
    public int MaxTier => Categories.Count == 0 ? 0 : Categories.Max(c => (int)c.Tier) + 1;

    /// <summary>The stored form of the categories: <c>name:tier</c> joined by commas, sorted by name.</summary>
    public string CategoriesText => FormatCategories(Categories);

    public static string FormatCategories(IReadOnlyList<DataCategory> categories) =>
        string.Join(',', categories.Select(c => c.Name + ":" + c.Tier));

    public static IReadOnlyList<DataCategory> ParseCategories(string text) =>
        text.Length == 0
            ? []
            : text.Split(',').Select(p =>
            {
                var colon = p.LastIndexOf(':');
                return new DataCategory(p[..colon], StrictEnum.FromStored<DataTier>(p[(colon + 1)..], "categories"));
            }).ToList();
}

/// <summary>What the writer did with one event.</summary>
internal enum AppendStatus
{
    /// <summary>Stored at <see cref="AppendResult.Seq"/>.</summary>
    Recorded,

    /// <summary>The same event was already stored (a resend); nothing new was written.</summary>
    Duplicate,

    /// <summary>Another event with this id, but different content, is already stored; nothing was written.</summary>
    Conflict,
}

/// <summary>The outcome for one event of a submission.</summary>
internal readonly record struct AppendResult(Guid EventId, AppendStatus Status, long Seq);
