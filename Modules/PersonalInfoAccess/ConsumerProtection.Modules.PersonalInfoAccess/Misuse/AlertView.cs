using System.Text.Json;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary>A review note, written with each workflow step.</summary>
internal sealed record NoteView(Guid Id, DateTimeOffset NotedAt, string Author, AlertStatus FromStatus, AlertStatus ToStatus, string? Note);

internal sealed class NoteRow
{
    public Guid Id { get; set; }
    public DateTimeOffset NotedAt { get; set; }
    public string Author { get; set; } = "";
    public string FromStatus { get; set; } = "";
    public string ToStatus { get; set; } = "";
    public string? Note { get; set; }

    public NoteView View() => new(Id, NotedAt, Author, StrictEnum.FromStored<AlertStatus>(FromStatus, "fromStatus"), StrictEnum.FromStored<AlertStatus>(ToStatus, "toStatus"), Note);
}

/// <summary>An alert as the API shows it; <see cref="Notes"/> only on the single-alert read.</summary>
internal sealed record AlertView(
    Guid Id, MisuseRule Rule, AlertStatus Status, AlertSeverity Severity, string? StaffId, string? CustomerReference, string? SourceSystem,
    long FirstSeq, long LastSeq, int EventCount, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, DateTimeOffset DetectedAt,
    DateTimeOffset UpdatedAt, JsonElement Details, long Version, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? ClosedBy,
    DateTimeOffset? ClosedAt, AlertResolution? Resolution, Guid? MajorEventId, IReadOnlyList<AlertAction> AllowedActions,
    IReadOnlyList<NoteView>? Notes)
{
    public static string ETag(long version) => ETags.For(version);

    public static AlertView From(AlertRow r, IReadOnlyList<NoteView>? notes = null)
    {
        using var details = JsonDocument.Parse(r.Details);
        return new AlertView(
            r.Id, StrictEnum.FromStored<MisuseRule>(r.Rule, "rule"), r.StatusValue, StrictEnum.FromStored<AlertSeverity>(r.Severity, "severity"), r.StaffId, r.CustomerRef, r.SourceSystem,
            r.FirstSeq, r.LastSeq, r.EventCount, r.WindowStart, r.WindowEnd, r.DetectedAt, r.UpdatedAt, details.RootElement.Clone(), r.Version,
            r.AcknowledgedBy, r.AcknowledgedAt, r.ClosedBy, r.ClosedAt, StrictEnum.FromStoredOrNull<AlertResolution>(r.Resolution, "resolution"),
            r.MajorEventId, AlertLifecycle.Allowed(r.StatusValue), notes);
    }
}
