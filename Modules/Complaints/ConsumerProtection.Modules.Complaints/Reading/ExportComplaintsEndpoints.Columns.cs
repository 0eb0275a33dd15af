using System.Globalization;
using ConsumerProtection.Modules.Complaints.Domain;

namespace ConsumerProtection.Modules.Complaints.Reading;

// The export's columns: what the working list shows and what a case file needs, without the consumer's details;
// those five come only with includeConsumer=true where the role allows (ConsumerCells).
internal static partial class ExportComplaintsEndpoints
{
    internal sealed record Cell(string Header, Func<ComplaintRow, string?> Value);

    public const string Columns = """
        id, reference, status, received_at, received_date, branch_id, intake_channel, business_channel, business_type, reason,
        product_code, product_name, description, amount_minor, currency, vulnerable_elderly, vulnerable_disability, vulnerable_other,
        regulator_case_id, department_id, handler_id, internal_due_at, regulatory_due_at, due_state, responded_at,
        outcome, answered_within_internal, answered_within_regulatory, closed_at, upheld, redress_minor, withdrawn_at,
        policy_name, calendar_stamp, calendar_maintained
        """;

    // The key id comes along: it says whether the row's values are sealed (see ConsumerData).
    public const string ConsumerColumns = "consumer_name, consumer_phone, consumer_email, consumer_id_type, consumer_id_number, consumer_key_id";

    internal static readonly Cell[] Cells =
    [
        new("id", r => r.Id.ToString()),
        new("reference", r => r.Reference),
        new("status", r => r.Status),
        new("receivedAt", r => Instant(r.ReceivedAt)),
        new("receivedDate", r => r.ReceivedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("branchId", r => r.BranchId),
        new("intakeChannel", r => r.IntakeChannel),
        new("businessChannel", r => r.BusinessChannel),
        new("businessType", r => r.BusinessType),
        new("reason", r => r.Reason),
        new("productCode", r => r.ProductCode),
        new("productName", r => r.ProductName),
        new("description", r => r.Description),
        new("amountInDispute", r => Amount(r.AmountMinor)),
        new("currency", r => r.Currency),
        new("vulnerable", r => Flag(r.VulnerableElderly || r.VulnerableDisability || r.VulnerableOther)),
        new("isRepeat", r => Flag(r.RepeatOfId is not null)),
        new("regulatorCaseId", r => r.RegulatorCaseId),
        new("departmentId", r => r.DepartmentId),
        new("handlerId", r => r.HandlerId),
        new("internalDueAt", r => Instant(r.InternalDueAt)),
        new("regulatoryDueAt", r => Instant(r.RegulatoryDueAt)),
        new("dueState", r => r.DueState),
        // The deadlines' provenance: the policy, the calendar years/versions they were counted on, and whether those years
        // held a national schedule (false = provisional deadline, computed on Monday-to-Friday only).
        new("deadlinePolicy", r => r.PolicyName),
        new("calendarVersion", r => r.CalendarStamp),
        new("calendarMaintained", r => Flag(r.CalendarMaintained)),
        new("respondedAt", r => Instant(r.RespondedAt)),
        new("outcome", r => r.Outcome),
        new("answeredWithinInternal", r => Flag(r.AnsweredWithinInternal)),
        new("answeredWithinRegulatory", r => Flag(r.AnsweredWithinRegulatory)),
        new("closedAt", r => Instant(r.ClosedAt)),
        new("upheld", r => r.Upheld),
        new("redressPaid", r => Amount(r.RedressMinor)),
        new("withdrawnAt", r => Instant(r.WithdrawnAt)),
    ];

    internal static readonly Cell[] ConsumerCells =
    [
        new("consumerName", r => r.ConsumerName),
        new("consumerPhone", r => r.ConsumerPhone),
        new("consumerEmail", r => r.ConsumerEmail),
        new("consumerIdType", r => r.ConsumerIdType),
        new("consumerIdNumber", r => r.ConsumerIdNumber),
    ];

    private static string? Instant(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture);

    private static string? Amount(long? minor) => minor is { } m ? (m / 100m).ToString("0.00", CultureInfo.InvariantCulture) : null;

    private static string? Flag(bool? value) => value switch { true => "true", false => "false", null => null };
}
