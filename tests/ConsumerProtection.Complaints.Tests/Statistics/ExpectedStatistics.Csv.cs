using System.Globalization;

namespace ConsumerProtection.Complaints.Tests.Statistics;

// The CSV the README documents (long format section,key,metric,value), written out from the expected figures:
// counts as integers, money with 2 decimals, percentages and means with up to 2, an empty cell for no value.
internal sealed partial class ExpectedStatistics
{
    /// <summary>Every record after the header and the meta section, in the documented order.</summary>
    public List<string[]> FigureRecords()
    {
        var rows = new List<string[]>();
        void Add(string section, string key, string metric, string value) => rows.Add([section, key, metric, value]);
        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        static string D(decimal? d) => d?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

        Add("summary", "", "outstandingAtStart", N(OutstandingAtStart));
        Add("summary", "", "received", N(Received));
        Add("summary", "", "closed", N(Closed));
        Add("summary", "", "withdrawn", N(Withdrawn));
        Add("summary", "", "outstandingAtEnd", N(OutstandingAtEnd));
        Add("closedWithinInternalTarget", "", "count", N(WithinInternal));
        Add("closedWithinInternalTarget", "", "percent", D(Percent(WithinInternal)));
        Add("closedWithinRegulatoryDeadline", "", "count", N(WithinRegulatory));
        Add("closedWithinRegulatoryDeadline", "", "percent", D(Percent(WithinRegulatory)));
        Add("upheld", "", "yes", N(UpheldYes));
        Add("upheld", "", "partly", N(UpheldPartly));
        Add("upheld", "", "no", N(UpheldNo));
        Add("upheld", "", "upheld", N(UpheldYes + UpheldPartly));
        Add("upheld", "", "percent", D(Percent(UpheldYes + UpheldPartly)));
        Add("redressPaid", "CNY", "amount", Redress.GetValueOrDefault("CNY").ToString("0.00", CultureInfo.InvariantCulture));
        foreach (var (currency, amount) in Redress.Where(r => r.Key != "CNY").OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            Add("redressPaid", currency, "amount", amount.ToString("0.00", CultureInfo.InvariantCulture));
        }

        Add("handlingWorkingDays", "", "count", N(HandlingDays.Count));
        Add("handlingWorkingDays", "", "mean", D(MeanHandling));
        Add("handlingWorkingDays", "", "p90", P90Handling?.ToString(CultureInfo.InvariantCulture) ?? "");
        Add("regulatorTransfers", "", "received", N(TransfersReceived));
        Add("regulatorTransfers", "", "closed", N(TransfersClosed));
        Add("majorIncidents", "", "opened", N(IncidentsOpened));
        Add("majorIncidents", "", "openedStillUnacknowledged", N(IncidentsStillOpen));
        Add("majorIncidents", "", "unacknowledgedNow", N(IncidentsOpenNow));
        foreach (var name in BreakdownNames)
        {
            foreach (var row in Breakdowns[name])
            {
                Add(name, row.Key, "received", N(row.Received));
                Add(name, row.Key, "closed", N(row.Closed));
                Add(name, row.Key, "upheld", N(row.Upheld));
            }
        }

        return rows;
    }
}
