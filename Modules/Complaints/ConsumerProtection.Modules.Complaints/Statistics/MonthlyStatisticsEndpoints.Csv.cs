using System.Globalization;
using System.Text;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.Complaints.Statistics;

// CSV in long format, one figure a record: section,key,metric,value. One shape for every figure, so a
// regulator's loader needs no per-section parsing and a new figure never changes the columns. Sections and
// metrics carry the JSON property names; key is the breakdown's code (or the currency), empty otherwise.
// Numbers use the invariant culture: counts as integers, money with 2 decimals, percentages and means with up
// to 2 decimals; a figure without a value (no closures) is an empty cell.
internal static partial class MonthlyStatisticsEndpoints
{
    public static readonly string[] CsvHeader = ["section", "key", "metric", "value"];

    internal static string ToCsv(Response r)
    {
        var text = new StringBuilder();
        void Add(string section, string key, string metric, string? value) => Csv.AppendRecord(text, [section, key, metric, value]);
        void Count(string section, string metric, long value) => Add(section, "", metric, Integer(value));

        Csv.AppendRecord(text, CsvHeader);
        Add("meta", "", "month", r.Month);
        Add("meta", "", "timeZone", r.TimeZone);
        Add("meta", "", "firstDay", r.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("meta", "", "lastDay", r.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("meta", "", "generatedAt", r.GeneratedAt.ToString("O", CultureInfo.InvariantCulture));
        Add("meta", "", "policyNote", r.PolicyNote);
        Count("summary", "outstandingAtStart", r.OutstandingAtStart);
        Count("summary", "received", r.Received);
        Count("summary", "closed", r.Closed);
        Count("summary", "withdrawn", r.Withdrawn);
        Count("summary", "outstandingAtEnd", r.OutstandingAtEnd);
        foreach (var (section, share) in new[] { ("closedWithinInternalTarget", r.ClosedWithinInternalTarget), ("closedWithinRegulatoryDeadline", r.ClosedWithinRegulatoryDeadline) })
        {
            Count(section, "count", share.Count);
            Add(section, "", "percent", Decimal(share.Percent));
        }

        Count("upheld", "yes", r.Upheld.Yes);
        Count("upheld", "partly", r.Upheld.Partly);
        Count("upheld", "no", r.Upheld.No);
        Count("upheld", "upheld", r.Upheld.Upheld);
        Add("upheld", "", "percent", Decimal(r.Upheld.Percent));
        foreach (var money in r.RedressPaidOtherCurrencies.Prepend(r.RedressPaid))
        {
            Add("redressPaid", money.Currency, "amount", money.Amount.ToString("0.00", CultureInfo.InvariantCulture));
        }

        Count("handlingWorkingDays", "count", r.HandlingWorkingDays.Count);
        Add("handlingWorkingDays", "", "mean", Decimal(r.HandlingWorkingDays.Mean));
        Add("handlingWorkingDays", "", "p90", r.HandlingWorkingDays.P90?.ToString(CultureInfo.InvariantCulture));
        Add("handlingWorkingDays", "", "method", r.HandlingWorkingDays.Method);
        Count("regulatorTransfers", "received", r.RegulatorTransfers.Received);
        Count("regulatorTransfers", "closed", r.RegulatorTransfers.Closed);
        Count("majorIncidents", "opened", r.MajorIncidents.Opened);
        Count("majorIncidents", "openedStillUnacknowledged", r.MajorIncidents.OpenedStillUnacknowledged);
        Count("majorIncidents", "unacknowledgedNow", r.MajorIncidents.UnacknowledgedNow);
        var b = r.Breakdowns;
        foreach (var (section, rows) in new[]
        {
            ("businessType", b.BusinessType), ("reason", b.Reason), ("businessChannel", b.BusinessChannel),
            ("intakeChannel", b.IntakeChannel), ("branch", b.Branch), ("product", b.Product),
        })
        {
            foreach (var row in rows)
            {
                Add(section, row.Key, "received", Integer(row.Received));
                Add(section, row.Key, "closed", Integer(row.Closed));
                Add(section, row.Key, "upheld", Integer(row.Upheld));
            }
        }

        foreach (var j in r.JudgedBy)
        {
            var key = $"policy={j.Policy};calendar={j.CalendarVersion}";
            Add("judgedBy", key, "closed", Integer(j.Closed));
            Add("judgedBy", key, "calendarMaintained", j.CalendarMaintained ? "true" : "false");
        }

        return text.ToString();
    }

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Decimal(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);
}
