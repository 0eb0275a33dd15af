namespace ConsumerProtection.Modules.PersonalInfoAccess.Contracts;

/// <summary>JR/T 0171-2020 sensitivity tiers (PBOC JR/T 0171-2020).</summary>
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

/// <summary>The lawful basis of an access (PIPL art. 13).</summary>
public enum LegalBasis
{
    /// <summary>The customer's consent.</summary>
    Consent,

    /// <summary>Needed to conclude or perform a contract with the customer.</summary>
    Contract,

    /// <summary>Needed to fulfil a legal duty or obligation (e.g. complaint handling, a court order).</summary>
    LegalObligation,
}

/// <summary>How the access ended.</summary>
public enum AccessOutcome
{
    /// <summary>The data was accessed.</summary>
    Succeeded,

    /// <summary>The access was refused (not authorised).</summary>
    Denied,

    /// <summary>The access failed for a technical reason.</summary>
    Failed,
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
/// <param name="LegalBasis">The lawful basis of the access.</param>
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
    string? BusinessReference,
    LegalBasis LegalBasis)
{
    /// <summary>The staff member's role, when the source system knows it (the C3 rule checks it).</summary>
    public string? StaffRole { get; init; }

    /// <summary>The purpose in words; required when <see cref="Purpose"/> is <see cref="AccessPurpose.Other"/>.</summary>
    public string? PurposeText { get; init; }

    /// <summary>The customer's consent record, for marketing.</summary>
    public string? ConsentReference { get; init; }

    /// <summary>The customer's authorization, for a credit-report query.</summary>
    public string? AuthorizationReference { get; init; }

    /// <summary>Where the access happened, e.g. "branch-counter", "mobile-app", "internal-api".</summary>
    public string? Channel { get; init; }

    /// <summary>How the access ended.</summary>
    public AccessOutcome Outcome { get; init; } = AccessOutcome.Succeeded;
}

/// <summary>
/// The personal-information access log, for in-process callers. Every read of a customer's personal financial
/// data goes through it; the call returns once the event is durably recorded.
/// </summary>
public interface IPersonalInfoAccessLog
{
    /// <summary>
    /// Records one access and returns once it is committed. A resend with the same event id is a no-op.
    /// Throws <see cref="ArgumentException"/> naming the invalid fields when the event is malformed.
    /// </summary>
    Task RecordAsync(PersonalInfoAccess access, CancellationToken ct);
}

/// <summary>
/// The access log of a host that does not run the PersonalInfoAccess module (a test host starting only the modules a
/// test needs): records nothing. A module that must record accesses injects <see cref="IPersonalInfoAccessLog"/> and
/// registers this with <c>TryAddSingleton</c>; the PersonalInfoAccess module's own registration replaces it whichever
/// module is added first, so a host running that module always records.
/// </summary>
public sealed class AccessLogNotRunning : IPersonalInfoAccessLog
{
    /// <inheritdoc />
    public Task RecordAsync(PersonalInfoAccess access, CancellationToken ct) => Task.CompletedTask;
}
