using System.Globalization;
using System.Text.RegularExpressions;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Intake;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;

namespace ConsumerProtection.Modules.Complaints.Import;

/// <summary>
/// One complaint with its whole history, checked field by field and turned into a row as if it had been worked here:
/// the same intake rules as <c>POST /api/v1/complaints</c> (except that receipt may be years back), deadlines stamped
/// from the receipt under the current policy, and each step at its real time.
/// </summary>
internal static partial class HistoryRow
{
    public static readonly string[] Fields =
    [
        "sourceId", "receivedAt", "intakeChannel", "branchId", "consumerName", "consumerPhone", "consumerEmail", "consumerIdType",
        "consumerIdNumber", "businessChannel", "businessType", "reason", "productCode", "productName", "description", "amountInDispute",
        "currency", "regulatorCaseId", "vulnerableElderly", "departmentId", "handlerId", "assignedAt", "respondedAt", "outcome", "responseText",
        "followedUpAt", "satisfied", "closedAt", "upheld", "redressPaid", "rootCause", "remediation", "accountability",
        "withdrawnAt", "withdrawReason",
    ];

    public static readonly IReadOnlySet<string> Known = Fields.ToHashSet(StringComparer.Ordinal);

    // Intake field names as ComplaintValidation reports them, mapped to the flat import names.
    private static readonly Dictionary<string, string> IntakeNames = new(StringComparer.Ordinal)
    {
        ["consumer"] = "consumerName", ["consumer.name"] = "consumerName", ["consumer.phone"] = "consumerPhone",
        ["consumer.email"] = "consumerEmail", ["consumer.idType"] = "consumerIdType", ["consumer.idNumber"] = "consumerIdNumber",
    };

    /// <summary>The earliest receipt an import accepts.</summary>
    public static readonly DateTimeOffset EarliestReceipt = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<ComplaintRow?> ParseAsync(
        ImportRecord record, Caller importer, DateTimeOffset now, ComplaintsOptions o, Taxonomy taxonomy, CalendarRules rules,
        List<ImportError> errors, CancellationToken ct)
    {
        var f = record.Fields;
        var mine = new List<ImportError>();
        void Error(string field, string message) => mine.Add(new ImportError(record.Line, field, message));
        string? Get(string name) => f.TryGetValue(name, out var value) ? value : null;

        var sourceId = Get("sourceId");
        if (sourceId is not { Length: > 0 and <= 100 } || sourceId.Any(char.IsControl))
        {
            Error("sourceId", "is required: the source system's id of the complaint, 1 to 100 characters.");
        }

        var received = Time("receivedAt", required: true);
        if (received is { } r && (r > now.AddMinutes(o.ClockSkewMinutes) || r < EarliestReceipt))
        {
            Error("receivedAt", "must be between 2000-01-01 and now.");
        }

        var channel = Choice<IntakeChannel>("intakeChannel", required: true);
        var amount = Number("amountInDispute");
        var request = new FileComplaintEndpoints.Request(
            received, channel, Get("branchId"),
            new FileComplaintEndpoints.ConsumerInput(Get("consumerName"), Get("consumerPhone"), Get("consumerEmail"), Get("consumerIdType"), Get("consumerIdNumber")),
            Get("businessChannel"), Get("businessType"), Get("reason"), Get("productCode"), Get("productName"), Get("description"),
            amount, Get("currency"), new FileComplaintEndpoints.VulnerableInput(Flag("vulnerableElderly"), null, null, null),
            null, null, null, null, null, null, Get("regulatorCaseId"));
        var v = new Validation();
        await ComplaintValidation.IntakeAsync(request, now, o, taxonomy, v, ct);
        v.Check(request.BranchId is { Length: > 0 and <= 50 } b && b.All(char.IsAsciiLetterOrDigit), "branchId", "is required: 1 to 50 letters or digits.");
        foreach (var (field, messages) in v.ToProblem().ProblemDetails.Errors)
        {
            var name = IntakeNames.GetValueOrDefault(field, field);
            // Receipt is checked above (an import reaches years back); a value that did not parse is reported once.
            if (name != "receivedAt" && !mine.Any(e => e.Field == name))
            {
                mine.AddRange(messages.Select(m => new ImportError(record.Line, name, m)));
            }
        }

        var assigned = Time("assignedAt");
        var responded = Time("respondedAt");
        var followed = Time("followedUpAt");
        var closed = Time("closedAt");
        var withdrawn = Time("withdrawnAt");
        var outcome = Choice<Outcome>("outcome");
        var upheld = Choice<Upheld>("upheld");
        var redress = Number("redressPaid");
        var satisfied = Flag("satisfied");
        Order(received, ("assignedAt", assigned), ("respondedAt", responded), ("followedUpAt", followed), ("closedAt", closed));
        Order(received, ("withdrawnAt", withdrawn));
        foreach (var (name, at) in new[] { ("assignedAt", assigned), ("respondedAt", responded), ("followedUpAt", followed), ("closedAt", closed), ("withdrawnAt", withdrawn) })
        {
            if (at > now.AddMinutes(o.ClockSkewMinutes))
            {
                Error(name, "must not be in the future.");
            }
        }

        Need(responded is not null, outcome is not null, "outcome", "is required with respondedAt (and only with it).");
        Need(responded is not null, Get("responseText") is not null, "responseText", "is required with respondedAt (and only with it).");
        Need(closed is not null, upheld is not null, "upheld", "is required with closedAt (and only with it).");
        Check(closed is null || responded is not null, "closedAt", "a closed complaint was answered first: give respondedAt.");
        Check(closed is null || withdrawn is null, "withdrawnAt", "a complaint is closed or withdrawn, not both.");
        Check(withdrawn is null || Get("withdrawReason") is not null, "withdrawReason", "is required with withdrawnAt.");
        Check(redress is null || closed is not null, "redressPaid", "is recorded at closure: give closedAt.");
        Check(redress is null || MoneyRules.ToMinor(redress.Value) is not null, "redressPaid", "must be zero or more with at most two decimals.");
        Check(Get("departmentId") is null == (assigned is null), "departmentId", "give departmentId and assignedAt together.");
        foreach (var (name, max) in new[]
        {
            ("departmentId", 50), ("handlerId", 200), ("responseText", 4000), ("rootCause", 2000), ("remediation", 2000), ("accountability", 2000), ("withdrawReason", 2000),
        })
        {
            Check(Get(name) is not { } text || text.Length <= max, name, $"at most {max} characters.");
        }

        errors.AddRange(mine);
        if (mine.Count > 0)
        {
            return null;
        }

        var row = FileComplaintEndpoints.NewRow(request, request.BranchId!, importer, now, o.Policy, rules);
        row.ImportedAt = now;
        row.ImportSourceId = sourceId;
        row.DepartmentId = Get("departmentId")?.Trim();
        row.HandlerId = Get("handlerId")?.Trim();
        row.AssignedAt = assigned?.ToUniversalTime();
        if (responded is { } answer)
        {
            row.RespondedAt = answer.ToUniversalTime();
            row.Outcome = outcome!.Value.ToString();
            row.ResponseText = Get("responseText")!.Trim();
            row.AnsweredWithinInternal = answer <= row.InternalDueAt;
            row.AnsweredWithinRegulatory = answer <= row.RegulatoryDueAt;
            row.HandlingWorkingDays = rules.WorkingDaysBetween(row.ReceivedDate, rules.LocalDate(answer));
        }

        row.FollowedUpAt = followed?.ToUniversalTime();
        row.Satisfied = satisfied;
        if (closed is { } end)
        {
            row.ClosedAt = end.ToUniversalTime();
            row.ClosedDate = rules.LocalDate(end);
            row.Upheld = upheld!.Value.ToString();
            row.RedressMinor = redress is { } paid ? MoneyRules.ToMinor(paid) : null;
            row.RootCause = Get("rootCause")?.Trim();
            row.Remediation = Get("remediation")?.Trim();
            row.Accountability = Get("accountability")?.Trim();
        }

        row.WithdrawnAt = withdrawn?.ToUniversalTime();
        row.WithdrawReason = Get("withdrawReason")?.Trim();
        row.Status = (closed, withdrawn, followed, responded, assigned) switch
        {
            ({ }, _, _, _, _) => nameof(ComplaintStatus.Closed),
            (_, { }, _, _, _) => nameof(ComplaintStatus.Withdrawn),
            (_, _, { }, _, _) => nameof(ComplaintStatus.FollowedUp),
            (_, _, _, { }, _) => nameof(ComplaintStatus.Responded),
            (_, _, _, _, { }) => nameof(ComplaintStatus.Assigned),
            _ => nameof(ComplaintStatus.Received),
        };
        return row;

        void Check(bool ok, string field, string message)
        {
            if (!ok && !mine.Any(e => e.Field == field))
            {
                Error(field, message);
            }
        }

        void Need(bool when, bool present, string field, string message) => Check(when == present, field, message);

        void Order(DateTimeOffset? from, params (string Name, DateTimeOffset? At)[] steps)
        {
            var last = from;
            foreach (var (name, at) in steps.Where(s => s.At is not null))
            {
                Check(last is null || at >= last, name, "is earlier than the step before it.");
                last = at;
            }
        }

        DateTimeOffset? Time(string name, bool required = false)
        {
            var text = Get(name);
            if (text is null)
            {
                Check(!required, name, "is required.");
                return null;
            }

            if (!WithOffset().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            {
                Error(name, "must be an ISO-8601 instant with an offset, e.g. 2025-03-05T09:30:00+08:00.");
                return null;
            }

            return value;
        }

        T? Choice<T>(string name, bool required = false) where T : struct, Enum
        {
            var text = Get(name);
            if (text is null)
            {
                Check(!required, name, "is required.");
                return null;
            }

            if (StrictEnum.TryParse<T>(text, out var value))
            {
                return value;
            }

            Error(name, StrictEnum.Allowed(typeof(T)));
            return null;
        }

        decimal? Number(string name)
        {
            var text = Get(name);
            if (text is null)
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            Error(name, "must be a decimal number such as 1200.50.");
            return null;
        }

        bool? Flag(string name) => Get(name) switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => Fail(name),
        };

        bool? Fail(string name)
        {
            Error(name, "must be true or false.");
            return null;
        }
    }

    [GeneratedRegex(@"T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$")]
    private static partial Regex WithOffset();
}
