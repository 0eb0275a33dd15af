using System.Text.Json;
using System.Text.Json.Serialization;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Intake;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.Complaints.Regulator;

// The wire shapes of the regulator gateway contract (README "Regulator gateway contract").

/// <summary>One page of <c>GET {base}/transfers</c>. Items stay raw so one malformed transfer cannot spoil the page.</summary>
internal sealed record TransferPage(List<JsonElement>? Items, string? NextCursor, bool HasMore);

/// <summary>A complaint the regulator transferred to the bank. <c>receivedAt</c> is the bank's receipt: deadlines run from it.</summary>
internal sealed record Transfer(
    string? CaseId, DateTimeOffset? ReceivedAt, FileComplaintEndpoints.ConsumerInput? Consumer,
    string? BusinessChannel, string? BusinessType, string? Reason, string? ProductCode, string? ProductName, string? Description,
    decimal? AmountInDispute, string? Currency, FileComplaintEndpoints.VulnerableInput? Vulnerable)
{
    /// <summary>The same request a teller would file, so a transfer meets exactly the intake rules.</summary>
    public FileComplaintEndpoints.Request ToRequest(string branchId) => new(
        ReceivedAt, IntakeChannel.RegulatorTransfer, branchId, Consumer, BusinessChannel, BusinessType, Reason, ProductCode, ProductName,
        Description, AmountInDispute, Currency, Vulnerable, Recordings: null, StaffComplainedAbout: null, RelatedComplaintId: null,
        GroupComplaint: null, MisappropriatedFunds: null, PersonalInfoLeak: null, RegulatorCaseId: CaseId);
}

/// <summary>The body of <c>POST {base}/transfers/{caseId}/results</c>; <c>kind</c> says which fields are set.</summary>
internal sealed record ResultEvent(
    Guid EventId, string Kind, string CaseId, string Reference, string? Outcome,
    string? ResponseText = null, DateTimeOffset? RespondedAt = null,
    DateTimeOffset? ClosedAt = null, string? Upheld = null, decimal? RedressPaid = null, string? Currency = null,
    DateTimeOffset? WithdrawnAt = null, string? WithdrawReason = null)
{
    public const string Responded = "responded";
    public const string Closed = "closed";
    public const string Withdrawn = "withdrawn";
}

internal static class RegulatorJson
{
    /// <summary>
    /// The API's rules (camelCase, enum names, instants with offsets), except that unknown members are skipped:
    /// the regulator may add fields without breaking intake. Absent values are left out of what we send.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonDefaults.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
