using System.Text.Json;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure.Protection;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.Complaints.Reading;

internal sealed record Money(decimal Amount, string Currency);

/// <summary>
/// The two clocks. <c>CalendarMaintained</c> false: the internal deadline was counted on a year without a holiday schedule
/// (Monday to Friday only), so it is provisional; <c>CalendarVersion</c> names the calendar years and versions it used.
/// </summary>
internal sealed record DeadlineView(
    string Policy, DateTimeOffset InternalDueAt, bool InternalExtended, DateTimeOffset RegulatoryDueAt, int RegulatoryExtensionLevel,
    bool ConsumerNotified, DueState DueState, bool CalendarMaintained, string? CalendarVersion);

internal sealed record VulnerabilityView(bool Elderly, bool Disability, bool Other, string? Note);

/// <summary>A complaint without the consumer's personal details (those are read through /consumer, and logged).</summary>
internal sealed record ComplaintView(
    Guid Id, string Reference, ComplaintStatus Status, IReadOnlyList<ComplaintAction> AllowedActions,
    DateTimeOffset ReceivedAt, IntakeChannel IntakeChannel, string BranchId, string FirstResponderId,
    string BusinessChannel, string BusinessType, string Reason, string ProductCode, string ProductName, string? Description,
    Money? AmountInDispute, VulnerabilityView Vulnerable, IReadOnlyList<string> Recordings, string? StaffComplainedAbout,
    Guid? RelatedComplaintId, Guid? RepeatOfId, bool IsRepeat, bool GroupComplaint, bool MisappropriatedFunds, bool PersonalInfoLeak,
    string? RegulatorCaseId, string? DepartmentId, string? HandlerId, DeadlineView Deadlines,
    DateTimeOffset? RespondedAt, Outcome? Outcome, string? ResponseText,
    DateTimeOffset? FollowedUpAt, bool? Satisfied, int? SatisfactionScore,
    DateTimeOffset? ClosedAt, string? RootCause, string? Remediation, string? Accountability, Upheld? Upheld, Money? RedressPaid,
    DateTimeOffset? WithdrawnAt, string? WithdrawReason, int ReopenedCount,
    DateTimeOffset? EscalatedAt, string? EscalationReason, DateTimeOffset? EscalationRespondBy,
    ReferralRoute? ReferralRoute, string? ReferralOutcome, bool Anonymised, long Version)
{
    // The vulnerability note is sealed at rest: the one decrypt on this path, and only when a note is present.
    /// <summary>The view of <paramref name="r"/>; the repeat link only when <paramref name="repeatVisible"/> (see <c>ComplaintScope.RepeatOf</c>).</summary>
    public static ComplaintView From(ComplaintRow r, ConsumerData consumers, bool repeatVisible = true) => new(
        r.Id, r.Reference, r.StatusValue, Lifecycle.AllowedActions(r.StatusValue),
        r.ReceivedAt, StrictEnum.FromStored<IntakeChannel>(r.IntakeChannel, "intakeChannel"), r.BranchId, r.FirstResponderId,
        r.BusinessChannel, r.BusinessType, r.Reason, r.ProductCode, r.ProductName, r.Description,
        MoneyOf(r.AmountMinor, r.Currency),
        new VulnerabilityView(r.VulnerableElderly, r.VulnerableDisability, r.VulnerableOther, consumers.Note(r)),
        r.Recordings is null ? [] : JsonSerializer.Deserialize<List<string>>(r.Recordings) ?? [],
        r.StaffComplainedAbout, r.RelatedComplaintId, repeatVisible ? r.RepeatOfId : null, repeatVisible && r.RepeatOfId is not null,
        r.GroupComplaint, r.MisappropriatedFunds, r.PiLeak, r.RegulatorCaseId, r.DepartmentId, r.HandlerId,
        new DeadlineView(r.PolicyName, r.InternalDueAt, r.InternalExtended, r.RegulatoryDueAt, r.RegExtensionLevel, r.ConsumerNotified,
            StrictEnum.FromStored<DueState>(r.DueState, "dueState"), r.CalendarMaintained, r.CalendarStamp),
        r.RespondedAt, StrictEnum.FromStoredOrNull<Outcome>(r.Outcome, "outcome"), r.ResponseText, r.FollowedUpAt, r.Satisfied, r.SatisfactionScore,
        r.ClosedAt, r.RootCause, r.Remediation, r.Accountability, StrictEnum.FromStoredOrNull<Upheld>(r.Upheld, "upheld"), MoneyOf(r.RedressMinor, r.Currency),
        r.WithdrawnAt, r.WithdrawReason, r.ReopenedCount, r.EscalatedAt, r.EscalationReason, r.EscalationRespondBy,
        StrictEnum.FromStoredOrNull<ReferralRoute>(r.ReferralRoute, "referralRoute"), r.ReferralOutcome, r.AnonymisedAt is not null, r.Version);

    public static Money? MoneyOf(long? minor, string currency) => minor is { } m ? new Money(m / 100m, currency) : null;

    public static string ETag(long version) => ETags.For(version);
}

/// <summary>The consumer's personal details: shown only to roles that handle the complaint, and each read is logged.</summary>
internal sealed record ConsumerView(string? Name, string? Phone, string? Email, string? IdType, string? IdNumber, bool Anonymised);
