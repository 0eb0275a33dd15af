using static ConsumerProtection.Complaints.Tests.Statistics.StatisticsFixture;

namespace ConsumerProtection.Complaints.Tests.Statistics;

/// <summary>A breakdown line: received in the month, closed in the month, upheld (Yes or Partly) among those closed.</summary>
internal sealed record ExpectedRow(string Key, long Received, long Closed, long Upheld);

/// <summary>
/// The month's figures worked out by hand from the fixture definitions, in plain C#, without the product's code:
/// bank-local dates at +08:00, working days Monday to Friday (the test calendar lists no holidays), the internal
/// target 5 working days and the regulatory deadline 15 calendar days from the local day of receipt.
/// </summary>
internal sealed partial class ExpectedStatistics
{
    public ExpectedStatistics(IReadOnlyList<FixtureComplaint> all, DateOnly from)
    {
        var next = from.AddMonths(1);
        bool In(DateTimeOffset? t) => t is { } v && LocalDate(v) >= from && LocalDate(v) < next;
        bool Before(DateTimeOffset? t, DateOnly day) => t is { } v && LocalDate(v) < day;
        long Outstanding(DateOnly day) => all.LongCount(c => LocalDate(c.ReceivedAt) < day && !Before(c.ClosedAt, day) && !Before(c.WithdrawnAt, day));

        var received = all.Where(c => In(c.ReceivedAt)).ToList();
        var closed = all.Where(c => In(c.ClosedAt)).ToList();
        OutstandingAtStart = Outstanding(from);
        OutstandingAtEnd = Outstanding(next);
        Received = received.Count;
        Closed = closed.Count;
        Withdrawn = all.Count(c => In(c.WithdrawnAt));
        WithinInternal = closed.Count(c => LocalDate(c.AnsweredAt!.Value) <= AddWorkingDays(LocalDate(c.ReceivedAt), 5));
        WithinRegulatory = closed.Count(c => LocalDate(c.AnsweredAt!.Value) <= LocalDate(c.ReceivedAt).AddDays(15));
        UpheldYes = closed.Count(c => c.Upheld == "Yes");
        UpheldPartly = closed.Count(c => c.Upheld == "Partly");
        UpheldNo = closed.Count(c => c.Upheld == "No");
        Redress = closed.Where(c => c.Redress is > 0).GroupBy(c => c.Currency).ToDictionary(g => g.Key, g => g.Sum(c => c.Redress!.Value));
        HandlingDays = [.. closed.Select(c => WorkingDaysAfter(LocalDate(c.ReceivedAt), LocalDate(c.AnsweredAt!.Value))).Order()];
        TransfersReceived = received.Count(c => c.Intake == "RegulatorTransfer");
        TransfersClosed = closed.Count(c => c.Intake == "RegulatorTransfer");
        var flagged = all.Where(c => c.IncidentFlag is not null).ToList();
        IncidentsOpened = flagged.Count(c => In(c.ReceivedAt));
        IncidentsStillOpen = flagged.Count(c => In(c.ReceivedAt) && c.IncidentAcknowledgedAt is null);
        IncidentsOpenNow = flagged.Count(c => c.IncidentAcknowledgedAt is null);
        List<ExpectedRow> By(Func<FixtureComplaint, string> key) =>
        [
            .. received.Select(key).Concat(closed.Select(key)).Distinct().Order(StringComparer.Ordinal).Select(k => new ExpectedRow(k,
                received.Count(c => key(c) == k), closed.Count(c => key(c) == k), closed.Count(c => key(c) == k && c.Upheld is "Yes" or "Partly"))),
        ];
        Breakdowns = new()
        {
            ["businessType"] = By(c => c.B), ["reason"] = By(c => c.C), ["businessChannel"] = By(c => c.A),
            ["intakeChannel"] = By(c => c.Intake), ["branch"] = By(c => c.Branch), ["product"] = By(c => c.Product),
        };
    }

    public long OutstandingAtStart { get; }
    public long OutstandingAtEnd { get; }
    public long Received { get; }
    public long Closed { get; }
    public long Withdrawn { get; }
    public long WithinInternal { get; }
    public long WithinRegulatory { get; }
    public long UpheldYes { get; }
    public long UpheldPartly { get; }
    public long UpheldNo { get; }
    public Dictionary<string, decimal> Redress { get; }
    public List<int> HandlingDays { get; }
    public long TransfersReceived { get; }
    public long TransfersClosed { get; }
    public long IncidentsOpened { get; }
    public long IncidentsStillOpen { get; }
    public long IncidentsOpenNow { get; }
    public Dictionary<string, List<ExpectedRow>> Breakdowns { get; }

    public static readonly string[] BreakdownNames = ["businessType", "reason", "businessChannel", "intakeChannel", "branch", "product"];

    public decimal? Percent(long part) => Closed == 0 ? null : Math.Round(100m * part / Closed, 2, MidpointRounding.AwayFromZero);

    public decimal? MeanHandling => HandlingDays.Count == 0 ? null : Math.Round((decimal)HandlingDays.Sum() / HandlingDays.Count, 2, MidpointRounding.AwayFromZero);

    // Nearest rank: the value at rank ceil(0.9 n) of the sorted values.
    public int? P90Handling => HandlingDays.Count == 0 ? null : HandlingDays[(int)Math.Ceiling(0.9 * HandlingDays.Count) - 1];

    private static bool Weekday(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static DateOnly AddWorkingDays(DateOnly start, int days)
    {
        var d = start;
        while (days > 0)
        {
            d = d.AddDays(1);
            days -= Weekday(d) ? 1 : 0;
        }

        return d;
    }

    private static int WorkingDaysAfter(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            count += Weekday(d) ? 1 : 0;
        }

        return count;
    }
}
