using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Queries;

/// <summary>
/// Every read of the log is itself audited (issue §3) in the piaccess audit trail: entity type <c>pi-access-query</c>,
/// entity id the filter summary, the after-snapshot the filters and the rows returned. The audit is a transaction of
/// its own after the read (a read holds no write lock; the audit row is the only write, kept short because it shares
/// the SQLite file's single write lock with the ingest writer). If it fails, the caller gets an error, not the data.
/// </summary>
internal static class ReadAudit
{
    public const string EntityType = "pi-access-query";

    /// <summary>The roles that may read the log.</summary>
    public static readonly Role[] Readers = [Role.PrivacyOfficer, Role.Auditor, Role.Admin];

    public static Task RecordAsync(IModuleDb db, IAuditWriter audit, string action, EventCriteria criteria, object after, CancellationToken ct) =>
        db.InTransactionAsync(async (c, tx) =>
        {
            await audit.AppendAsync(db, c, tx, new AuditEntry(action, EntityType, criteria.Summary(), null, after), ct);
            return 0;
        }, ct);
}
