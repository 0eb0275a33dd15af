using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Modules.Complaints.Infrastructure;

/// <summary>
/// Records a read of consumers' personal details before they are shown: in the complaints audit trail, and in the
/// bank-wide personal-information access log through the injected contract (a host without that module injects
/// <see cref="AccessLogNotRunning"/>, registered by <see cref="ComplaintsModule"/>).
/// </summary>
internal static class ConsumerAccess
{
    public const string SourceSystem = "consumer-protection/complaints";

    // What a complaint holds about the consumer, tiered per JR/T 0171-2020 (PBOC JR/T 0171-2020).
    private static readonly (string, DataTier)[] Categories =
        [("consumer-name", DataTier.C2), ("consumer-contact", DataTier.C2), ("consumer-id-number", DataTier.C2)];

    // customerReference says whose data (a complaint, or an export of many consumers by its id); businessReference
    // names the business object (a complaint reference or an export id).
    public static async Task RecordAsync(
        ComplaintStore store, IAuditWriter audit, IPersonalInfoAccessLog log, Caller caller, DateTimeOffset now, AuditEntry entry,
        string customerReference, string businessReference, AccessAction action, CancellationToken ct,
        IReadOnlyList<(string Category, DataTier Tier)>? categories = null)
    {
        await store.Db.InTransactionAsync(async (c, tx) => await audit.AppendAsync(store.Db, c, tx, entry, ct), ct);
        await log.RecordAsync(new PersonalInfoAccess.Contracts.PersonalInfoAccess(
            Guid.CreateVersion7(now), now, caller.Id, caller.BranchId, caller.DepartmentId, SourceSystem, customerReference, categories ?? Categories,
            action, AccessPurpose.ComplaintHandling, businessReference, LegalBasis.LegalObligation)
        {
            StaffRole = string.Join(',', caller.Roles.Order()),
            Channel = "internal-api",
        }, ct);
    }
}
