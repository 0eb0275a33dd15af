
namespace ConsumerProtection.Modules.Complaints.Domain;

/// <summary>What the audit trail keeps of a complaint: the workflow facts, never the consumer's personal data.</summary>
internal static class AuditSnapshot
{
    public static object Of(ComplaintRow r) => new
    {
        r.Reference, r.Status, r.BranchId, r.IntakeChannel, r.BusinessChannel, r.BusinessType, r.Reason, r.ProductCode,
        r.AmountMinor, r.Currency, r.DepartmentId, r.HandlerId, r.InternalDueAt, r.RegulatoryDueAt, r.InternalExtended,
        r.RegExtensionLevel, r.Outcome, r.Upheld, r.RedressMinor, r.RepeatOfId, r.RegulatorCaseId, r.EscalatedAt, r.ReferralRoute,
        r.CalendarStamp, r.CalendarMaintained, r.Version,
    };
}
