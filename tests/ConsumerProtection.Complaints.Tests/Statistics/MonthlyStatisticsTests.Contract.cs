using System.Text.Json;
using ConsumerProtection.Modules.Complaints.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Complaints.Tests.Statistics;

/// <summary>IComplaintFigures, the aggregate contract other modules read, gives the figures the endpoint publishes.</summary>
public sealed partial class MonthlyStatisticsTests
{
    private static readonly (ComplaintBreakdown Breakdown, string Json)[] BreakdownNames =
    [
        (ComplaintBreakdown.BusinessChannel, "businessChannel"), (ComplaintBreakdown.BusinessType, "businessType"),
        (ComplaintBreakdown.Reason, "reason"), (ComplaintBreakdown.IntakeChannel, "intakeChannel"),
        (ComplaintBreakdown.Branch, "branch"), (ComplaintBreakdown.Product, "product"),
    ];

    [TestCase(2026, 1)]
    [TestCase(2025, 12)]
    [TestCase(2025, 10)]
    public async Task FiguresContract_AgreesWithTheEndpoint(int year, int month)
    {
        var json = JsonDocument.Parse(await GetAsync(_regulator, $"{year:D4}-{month:D2}")).RootElement;
        var figures = await _factory.Services.GetRequiredService<IComplaintFigures>().MonthAsync(year, month, CancellationToken.None);

        static decimal? Percent(JsonElement share) =>
            share.GetProperty("percent").ValueKind == JsonValueKind.Null ? null : share.GetProperty("percent").GetDecimal();
        var handling = json.GetProperty("handlingWorkingDays");
        var redress = json.GetProperty("redressPaidOtherCurrencies").EnumerateArray().Append(json.GetProperty("redressPaid"))
            .Select(Money).Where(m => m.Item2 != 0).ToDictionary(m => m.Item1, m => m.Item2);
        Assert.Multiple(() =>
        {
            Assert.That((figures.Year, figures.Month), Is.EqualTo((year, month)));
            Assert.That(figures.FirstDay.ToString("yyyy-MM-dd", null), Is.EqualTo(json.GetProperty("firstDay").GetString()));
            Assert.That(figures.LastDay.ToString("yyyy-MM-dd", null), Is.EqualTo(json.GetProperty("lastDay").GetString()));
            Assert.That(
                new[] { figures.OutstandingAtStart, figures.Received, figures.Closed, figures.Withdrawn, figures.OutstandingAtEnd },
                Is.EqualTo(new[] { "outstandingAtStart", "received", "closed", "withdrawn", "outstandingAtEnd" }.Select(n => Long(json, n))));
            Assert.That((figures.ClosedWithinInternalTarget, figures.ClosedWithinInternalTargetPercent), Is.EqualTo(
                (Long(json.GetProperty("closedWithinInternalTarget"), "count"), Percent(json.GetProperty("closedWithinInternalTarget")))));
            Assert.That((figures.ClosedWithinRegulatoryDeadline, figures.ClosedWithinRegulatoryDeadlinePercent), Is.EqualTo(
                (Long(json.GetProperty("closedWithinRegulatoryDeadline"), "count"), Percent(json.GetProperty("closedWithinRegulatoryDeadline")))));
            Assert.That((figures.Upheld, figures.UpheldPercent), Is.EqualTo((Long(json.GetProperty("upheld"), "upheld"), Percent(json.GetProperty("upheld")))));
            Assert.That(figures.HandlingWorkingDaysMean, Is.EqualTo(handling.GetProperty("mean").ValueKind == JsonValueKind.Null ? null : handling.GetProperty("mean").GetDecimal()));
            Assert.That(figures.HandlingWorkingDaysP90, Is.EqualTo(handling.GetProperty("p90").ValueKind == JsonValueKind.Null ? null : handling.GetProperty("p90").GetInt32()));
            Assert.That(figures.RedressPaid, Is.EquivalentTo(redress));
            Assert.That(figures.RegulatorTransfersReceived, Is.EqualTo(Long(json.GetProperty("regulatorTransfers"), "received")));
            Assert.That(figures.MajorIncidentsOpened, Is.EqualTo(Long(json.GetProperty("majorIncidents"), "opened")));
            Assert.That(figures.Breakdowns.Keys, Is.EquivalentTo(Enum.GetValues<ComplaintBreakdown>()));
            foreach (var (breakdown, name) in BreakdownNames)
            {
                var rows = json.GetProperty("breakdowns").GetProperty(name).EnumerateArray()
                    .Select(r => new ComplaintUnitFigures(r.GetProperty("key").GetString()!, Long(r, "received"), Long(r, "closed"), Long(r, "upheld")));
                Assert.That(figures.Breakdowns[breakdown], Is.EqualTo(rows), name);
            }
        });
        if (year == 2026)
        {
            Assert.That(figures.Received, Is.EqualTo(January.Received), "the contract is checked against a month with figures");
        }
    }

    [TestCase(2026, 3)]
    [TestCase(2026, 0)]
    [TestCase(2026, 13)]
    [TestCase(0, 1)]
    public async Task FiguresContract_MonthOutOfRange_Throws(int year, int month)
    {
        var figures = _factory.Services.GetRequiredService<IComplaintFigures>();
        await Assert.ThatAsync(() => figures.MonthAsync(year, month, CancellationToken.None), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
