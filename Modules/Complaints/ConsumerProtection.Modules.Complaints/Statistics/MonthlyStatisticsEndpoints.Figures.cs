using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Reading;

namespace ConsumerProtection.Modules.Complaints.Statistics;

// Turns the aggregated rows into the published figures: totals, shares, handling-time mean and p90, breakdowns.
internal static partial class MonthlyStatisticsEndpoints
{
    public const string HomeCurrency = "CNY";

    public const string P90Method = "nearest-rank: the smallest value with at least 90% of the closed complaints at or below it (rank ceil(0.9 n))";

    internal static Response Build(Period p, Data d, string zone, DateTimeOffset now, string policyNote)
    {
        var closed = d.Closed.Sum(r => r.Closed);
        var yes = d.Closed.Sum(r => r.UpheldYes);
        var partly = d.Closed.Sum(r => r.UpheldPartly);
        var redress = d.Closed.Where(r => r.RedressMinor != 0).ToDictionary(r => r.Currency, r => r.RedressMinor / 100m, StringComparer.Ordinal);
        var breakdowns = d.Breakdowns.GroupBy(b => b.Dimension, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<Row>)g.GroupBy(b => b.Item, StringComparer.Ordinal)
                .Select(i => new Row(i.Key, i.Sum(b => b.Received), i.Sum(b => b.Closed), i.Sum(b => b.Upheld)))
                .OrderBy(r => r.Key, StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
        IReadOnlyList<Row> Of(string dimension) => breakdowns.GetValueOrDefault(dimension) ?? [];
        var intake = Of("intakeChannel").FirstOrDefault(r => r.Key == nameof(IntakeChannel.RegulatorTransfer));

        return new Response(
            p.Month, zone, p.From, p.Next.AddDays(-1), now, policyNote,
            d.OutstandingAtStart, Of("businessType").Sum(r => r.Received), closed, d.Counters.Withdrawn, d.OutstandingAtEnd,
            new Share(d.Closed.Sum(r => r.WithinInternal), Percent(d.Closed.Sum(r => r.WithinInternal), closed)),
            new Share(d.Closed.Sum(r => r.WithinRegulatory), Percent(d.Closed.Sum(r => r.WithinRegulatory), closed)),
            new UpheldFigures(yes, partly, d.Closed.Sum(r => r.UpheldNo), yes + partly, Percent(yes + partly, closed)),
            new Money(redress.GetValueOrDefault(HomeCurrency), HomeCurrency),
            redress.Where(r => r.Key != HomeCurrency).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new Money(r.Value, r.Key)).ToList(),
            Handling(d.Handling),
            new Transfers(intake?.Received ?? 0, intake?.Closed ?? 0),
            new IncidentFigures(d.Counters.IncidentsOpened, d.Counters.IncidentsStillOpen, d.Counters.IncidentsOpenNow),
            new Breakdowns(Of("businessType"), Of("reason"), Of("businessChannel"), Of("intakeChannel"), Of("branch"), Of("product")),
            d.JudgedBy.Select(j => new JudgedBy(j.Policy, j.CalendarVersion, j.CalendarMaintained, j.Closed))
                .OrderBy(j => j.Policy, StringComparer.Ordinal).ThenBy(j => j.CalendarVersion, StringComparer.Ordinal).ThenBy(j => j.CalendarMaintained).ToList());
    }

    /// <summary>100 × part / whole, rounded half away from zero to 2 decimals; null when nothing was closed.</summary>
    internal static decimal? Percent(long part, long whole) =>
        whole == 0 ? null : Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);

    internal static HandlingTime Handling(IReadOnlyList<HandlingRow> histogram)
    {
        var n = histogram.Sum(h => h.Complaints);
        if (n == 0)
        {
            return new HandlingTime(0, null, null, P90Method);
        }

        var mean = Math.Round((decimal)histogram.Sum(h => (long)h.Days * h.Complaints) / n, 2, MidpointRounding.AwayFromZero);
        return new HandlingTime(n, mean, NearestRank(histogram, 0.9m), P90Method);
    }

    /// <summary>Nearest-rank percentile over a histogram: the value at rank ceil(q·n) in ascending order.</summary>
    internal static int NearestRank(IReadOnlyList<HandlingRow> histogram, decimal q)
    {
        var n = histogram.Sum(h => h.Complaints);
        var rank = (long)Math.Ceiling(q * n);
        long seen = 0;
        foreach (var h in histogram.OrderBy(h => h.Days))
        {
            seen += h.Complaints;
            if (seen >= rank)
            {
                return h.Days;
            }
        }

        throw new ArgumentException("The histogram is empty.", nameof(histogram));
    }
}
