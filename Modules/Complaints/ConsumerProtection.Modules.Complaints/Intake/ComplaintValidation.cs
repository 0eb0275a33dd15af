using System.Net.Mail;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.Complaints.Intake;

/// <summary>Intake rules; each failure names its field.</summary>
internal static class ComplaintValidation
{
    public static readonly string[] IdTypes = ["ResidentId", "Passport", "HongKongMacauPass", "TaiwanPass", "ForeignPermanentResident", "Other"];

    public static async Task IntakeAsync(FileComplaintEndpoints.Request r, DateTimeOffset now, ComplaintsOptions o, Taxonomy taxonomy, Validation v, CancellationToken ct)
    {
        v.Required("receivedAt", r.ReceivedAt);
        if (r.ReceivedAt is { } received)
        {
            // Letters arrive late, so the past is fine (within a year); the future only within clock skew.
            v.Check(received <= now.AddMinutes(o.ClockSkewMinutes), "receivedAt", "must not be in the future.")
             .Check(received >= now.AddDays(-366), "receivedAt", "must be within the last year.");
        }

        v.Required("intakeChannel", r.IntakeChannel);
        v.Check(r.IntakeChannel != IntakeChannel.RegulatorTransfer || !string.IsNullOrWhiteSpace(r.RegulatorCaseId),
            "regulatorCaseId", "is required for a regulator transfer.");
        v.Text("regulatorCaseId", r.RegulatorCaseId, 100, required: false);

        Consumer(r.Consumer, v);

        foreach (var (axis, field, value) in new[] { (Axis.A, "businessChannel", r.BusinessChannel), (Axis.B, "businessType", r.BusinessType), (Axis.C, "reason", r.Reason) })
        {
            if (value is null)
            {
                v.Add(field, "is required.");
            }
            else if (!await taxonomy.IsActiveAsync(axis, value, ct))
            {
                v.Add(field, $"'{Truncate(value)}' is not an active JR/T 0169 axis-{axis} code; see GET /api/v1/complaints/codes.");
            }
        }

        v.Text("productCode", r.ProductCode, 50);
        v.Check(r.ProductCode is null || r.ProductCode.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'), "productCode",
            "may hold letters, digits, '-', '_' and '.' only.");
        v.Text("productName", r.ProductName, 200);
        v.Text("description", r.Description, FileComplaintEndpoints.DescriptionMax, multiline: true);

        if (r.AmountInDispute is { } amount)
        {
            v.Check(MoneyRules.ToMinor(amount) is not null, "amountInDispute", "must be zero or more, below 1,000,000,000,000, with at most two decimals.");
        }

        v.Check(r.Currency is null || MoneyRules.IsCurrency(r.Currency), "currency", "must be an ISO 4217 code such as CNY.");
        v.Text("vulnerable.note", r.Vulnerable?.Note, 500, required: false, multiline: true);
        v.Check(r.Recordings is null || r.Recordings.Count <= 20, "recordings", "at most 20 recording references.");
        for (var i = 0; i < Math.Min(r.Recordings?.Count ?? 0, 20); i++)
        {
            v.Text($"recordings[{i}]", r.Recordings![i], 200);
        }

        v.Text("staffComplainedAbout", r.StaffComplainedAbout, 200, required: false);
    }

    private static void Consumer(FileComplaintEndpoints.ConsumerInput? c, Validation v)
    {
        if (c is null)
        {
            v.Add("consumer", "is required.");
            return;
        }

        v.Text("consumer.name", c.Name, 100);
        v.Check(c.Phone is not null || c.Email is not null, "consumer.phone", "give a phone number or an email address.");
        v.Check(c.Phone is null || NormalisePhone(c.Phone) is not null, "consumer.phone", "must hold 5 to 20 digits (+, spaces, '-' and brackets allowed).");
        v.Check(c.Email is null || IsEmail(c.Email), "consumer.email", "is not a valid email address.");
        v.Check((c.IdType is null) == (c.IdNumber is null), c.IdType is null ? "consumer.idType" : "consumer.idNumber", "give both the ID type and number, or neither.");
        v.Check(c.IdType is null || IdTypes.Contains(c.IdType), "consumer.idType", "must be one of " + string.Join(", ", IdTypes) + ".");
        v.Check(c.IdNumber is null || (c.IdNumber.Trim().Length is >= 4 and <= 50 && c.IdNumber.Trim().All(char.IsAsciiLetterOrDigit)),
            "consumer.idNumber", "must be 4 to 50 letters or digits.");
    }

    /// <summary>Digits only (a leading + kept); null when it is not a plausible phone number.</summary>
    public static string? NormalisePhone(string? phone)
    {
        if (phone is null || phone.Length > 30 || phone.Any(ch => !(char.IsAsciiDigit(ch) || ch is '+' or ' ' or '-' or '(' or ')')))
        {
            return null;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length is >= 5 and <= 20 ? (phone.TrimStart().StartsWith('+') ? "+" : "") + digits : null;
    }

    private static bool IsEmail(string email) =>
        email.Length <= 254 && MailAddress.TryCreate(email.Trim(), out var a) && a.Address == email.Trim() && a.Host.Contains('.');

    private static string Truncate(string s) => s.Length > 20 ? s[..20] + "…" : s;
}
