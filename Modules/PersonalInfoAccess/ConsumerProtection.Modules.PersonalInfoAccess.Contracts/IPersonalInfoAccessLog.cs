namespace ConsumerProtection.Modules.PersonalInfoAccess.Contracts;

/// <summary>JR/T 0171-2020 sensitivity tiers (REFERENCE.md §3).</summary>
public enum DataTier
{
    /// <summary>Other internal information.</summary>
    C1,

    /// <summary>Identifies a person or their accounts (ID number, phone, balances, transactions).</summary>
    C2,

    /// <summary>Authentication data (passwords, biometrics, one-time codes).</summary>
    C3,
}

/// <summary>What was done with the data.</summary>
public enum AccessAction
{
    /// <summary>Read on screen or through an API.</summary>
    View,

    /// <summary>Exported to a file.</summary>
    Export,

    /// <summary>Changed.</summary>
    Modify,

    /// <summary>Printed.</summary>
    Print,

    /// <summary>Sent to another system.</summary>
    Transmit,

    /// <summary>Deleted.</summary>
    Delete,
}

/// <summary>Why the data was accessed.</summary>
public enum AccessPurpose
{
    /// <summary>Handling a consumer complaint.</summary>
    ComplaintHandling,

    /// <summary>Servicing the customer's account.</summary>
    AccountServicing,

    /// <summary>Credit review.</summary>
    CreditReview,

    /// <summary>Marketing with the customer's consent.</summary>
    MarketingWithConsent,

    /// <summary>A legal request.</summary>
    LegalRequest,

    /// <summary>Risk control.</summary>
    RiskControl,

    /// <summary>Another purpose, described in text.</summary>
    Other,
}

/// <summary>One access to a customer's personal financial information.</summary>
/// <param name="EventId">Client-generated id; a resend with the same id is a no-op.</param>
/// <param name="OccurredAt">When the access happened.</param>
/// <param name="StaffId">Who accessed (caller id).</param>
/// <param name="StaffBranch">The staff member's branch.</param>
/// <param name="StaffDepartment">The staff member's department.</param>
/// <param name="SourceSystem">The system that made the access, e.g. "consumer-protection/complaints".</param>
/// <param name="CustomerReference">A reference to the customer (not the data itself).</param>
/// <param name="Categories">Data categories with their tiers, e.g. ("phone", C2).</param>
/// <param name="Action">What was done.</param>
/// <param name="Purpose">Why.</param>
/// <param name="BusinessReference">The business object, e.g. a complaint reference.</param>
public sealed record PersonalInfoAccess(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string StaffId,
    string? StaffBranch,
    string? StaffDepartment,
    string SourceSystem,
    string CustomerReference,
    IReadOnlyList<(string Category, DataTier Tier)> Categories,
    AccessAction Action,
    AccessPurpose Purpose,
    string? BusinessReference);

/// <summary>
/// The personal-information access log, for in-process callers. Every read of a customer's personal financial
/// data goes through it; the call returns once the event is durably recorded.
/// </summary>
public interface IPersonalInfoAccessLog
{
    /// <summary>Records one access.</summary>
    Task RecordAsync(PersonalInfoAccess access, CancellationToken ct);
}
