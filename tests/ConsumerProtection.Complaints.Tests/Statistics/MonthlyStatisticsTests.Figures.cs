using System.Globalization;
using System.Text.Json;

namespace ConsumerProtection.Complaints.Tests.Statistics;

// The fixture's January, as JSON and as CSV, against the figures ExpectedStatistics works out by hand.
public sealed partial class MonthlyStatisticsTests
{
    [Test]
    public async Task Monthly_Json_MatchesFiguresComputedFromTheFixture()
    {
        var json = JsonDocument.Parse(await GetAsync(_supervisor, "2026-01")).RootElement;
        var e = January;
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("month").GetString(), Is.EqualTo("2026-01"));
            Assert.That(json.GetProperty("timeZone").GetString(), Is.EqualTo("Asia/Shanghai"));
            Assert.That(json.GetProperty("firstDay").GetString(), Is.EqualTo("2026-01-01"));
            Assert.That(json.GetProperty("lastDay").GetString(), Is.EqualTo("2026-01-31"));
            Assert.That(json.GetProperty("generatedAt").GetDateTimeOffset(), Is.EqualTo(StatisticsFixture.End));
            Assert.That(json.GetProperty("policyNote").GetString(), Does.Contain("nearest rank").And.Contain("partly upheld"));
            Assert.That(Long(json, "outstandingAtStart"), Is.EqualTo(e.OutstandingAtStart));
            Assert.That(Long(json, "received"), Is.EqualTo(e.Received));
            Assert.That(Long(json, "closed"), Is.EqualTo(e.Closed));
            Assert.That(Long(json, "withdrawn"), Is.EqualTo(e.Withdrawn));
            Assert.That(Long(json, "outstandingAtEnd"), Is.EqualTo(e.OutstandingAtEnd));
            AssertShare(json.GetProperty("closedWithinInternalTarget"), e.WithinInternal, e.Percent(e.WithinInternal));
            AssertShare(json.GetProperty("closedWithinRegulatoryDeadline"), e.WithinRegulatory, e.Percent(e.WithinRegulatory));
            var upheld = json.GetProperty("upheld");
            Assert.That(new[] { Long(upheld, "yes"), Long(upheld, "partly"), Long(upheld, "no"), Long(upheld, "upheld") },
                Is.EqualTo(new[] { e.UpheldYes, e.UpheldPartly, e.UpheldNo, e.UpheldYes + e.UpheldPartly }));
            Assert.That(upheld.GetProperty("percent").GetDecimal(), Is.EqualTo(e.Percent(e.UpheldYes + e.UpheldPartly)));
            Assert.That(Money(json.GetProperty("redressPaid")), Is.EqualTo(("CNY", e.Redress["CNY"])));
            Assert.That(json.GetProperty("redressPaidOtherCurrencies").EnumerateArray().Select(Money), Is.EqualTo(new[] { ("USD", e.Redress["USD"]) }));
            var handling = json.GetProperty("handlingWorkingDays");
            Assert.That(Long(handling, "count"), Is.EqualTo(e.HandlingDays.Count));
            Assert.That(handling.GetProperty("mean").GetDecimal(), Is.EqualTo(e.MeanHandling));
            Assert.That(handling.GetProperty("p90").GetInt32(), Is.EqualTo(e.P90Handling));
            Assert.That(handling.GetProperty("method").GetString(), Does.StartWith("nearest-rank"));
            var transfers = json.GetProperty("regulatorTransfers");
            Assert.That((Long(transfers, "received"), Long(transfers, "closed")), Is.EqualTo((e.TransfersReceived, e.TransfersClosed)));
            var incidents = json.GetProperty("majorIncidents");
            Assert.That(new[] { Long(incidents, "opened"), Long(incidents, "openedStillUnacknowledged"), Long(incidents, "unacknowledgedNow") },
                Is.EqualTo(new[] { e.IncidentsOpened, e.IncidentsStillOpen, e.IncidentsOpenNow }));
            foreach (var name in ExpectedStatistics.BreakdownNames)
            {
                var actual = json.GetProperty("breakdowns").GetProperty(name).EnumerateArray()
                    .Select(r => new ExpectedRow(r.GetProperty("key").GetString()!, Long(r, "received"), Long(r, "closed"), Long(r, "upheld")));
                Assert.That(actual, Is.EqualTo(e.Breakdowns[name]), name);
            }
        });
    }

    private static long Long(JsonElement e, string name) => e.GetProperty(name).GetInt64();

    private static (string, decimal) Money(JsonElement e) => (e.GetProperty("currency").GetString()!, e.GetProperty("amount").GetDecimal());

    private static void AssertShare(JsonElement share, long count, decimal? percent)
    {
        Assert.That(share.GetProperty("count").GetInt64(), Is.EqualTo(count));
        Assert.That(share.GetProperty("percent").GetDecimal(), Is.EqualTo(percent));
    }

    [Test]
    public async Task Monthly_Csv_MatchesFiguresComputedFromTheFixture()
    {
        var records = CsvText.Parse(await GetAsync(_supervisor, "2026-01", "text/csv"));
        var meta = records.Where(r => r[0] == "meta").ToDictionary(r => r[2], r => r[3]);
        var method = records.Single(r => r[0] == "handlingWorkingDays" && r[2] == "method");
        Assert.Multiple(() =>
        {
            Assert.That(records[0], Is.EqualTo(new[] { "section", "key", "metric", "value" }));
            Assert.That(meta["month"], Is.EqualTo("2026-01"));
            Assert.That(meta["timeZone"], Is.EqualTo("Asia/Shanghai"));
            Assert.That((meta["firstDay"], meta["lastDay"]), Is.EqualTo(("2026-01-01", "2026-01-31")));
            Assert.That(DateTimeOffset.Parse(meta["generatedAt"], CultureInfo.InvariantCulture), Is.EqualTo(StatisticsFixture.End));
            Assert.That(meta["policyNote"], Does.Contain("Asia/Shanghai"));
            Assert.That(method[3], Does.StartWith("nearest-rank"));
            Assert.That(records.Skip(1).Where(r => r[0] is not ("meta" or "judgedBy") && r != method), Is.EqualTo(January.FigureRecords()));
            // Which policy and calendar version judged the closed complaints: all on the office's empty (unmaintained) years.
            var judged = records.Where(r => r[0] == "judgedBy").ToList();
            Assert.That(judged.Where(r => r[2] == "closed").Sum(r => int.Parse(r[3], CultureInfo.InvariantCulture)), Is.EqualTo(January.Closed));
            Assert.That(judged.Select(r => r[1]), Has.All.StartWith("policy=bank-2026;calendar=20"));
            Assert.That(judged.Where(r => r[2] == "calendarMaintained").Select(r => r[3]), Has.All.EqualTo("false").And.Not.Empty);
        });
    }
}
