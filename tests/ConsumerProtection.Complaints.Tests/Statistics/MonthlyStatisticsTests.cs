using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Statistics;

/// <summary>
/// GET /api/v1/complaints/statistics/monthly/{month} against the fixture played through the API; every expected
/// figure is computed from the fixture definitions by <see cref="ExpectedStatistics"/>, not by the product.
/// </summary>
public sealed partial class MonthlyStatisticsTests
{
    private const string Url = "/api/v1/complaints/statistics/monthly/";
    private static readonly ExpectedStatistics January = new(StatisticsFixture.Complaints, new DateOnly(2026, 1, 1));
    private ApiFactory _factory = null!;
    private HttpClient _supervisor = null!;
    private HttpClient _regulator = null!;

    [OneTimeSetUp]
    public async Task Seed()
    {
        var time = new FakeTimeProvider(StatisticsFixture.Start);
        // Only the flagged complaints open incidents: the product-volume rule would otherwise fire on the fixture.
        _factory = new ApiFactory(new Dictionary<string, string?> { ["Complaints:MajorIncident:Threshold"] = "1000" }, time);
        (_supervisor, _) = await ComplaintsApi.ClientAsync(_factory, [Role.ComplaintSupervisor]);
        (_regulator, _) = await ComplaintsApi.ClientAsync(_factory, [Role.Regulator]);
        // The expected figures count Monday to Friday (ExpectedStatistics): the office's own empty years win over the
        // shipped State Council schedules, and leave those years unmaintained (provisional deadlines).
        using (var admin = _factory.Admin())
        {
            foreach (var year in new[] { 2025, 2026 })
            {
                (await admin.PutAsJsonAsync($"/api/v1/admin/calendar/{year}", new { days = Array.Empty<object>() })).EnsureSuccessStatusCode();
            }
        }

        await new FixtureSeeder(_supervisor, time).SeedAsync(StatisticsFixture.Complaints, StatisticsFixture.End);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _supervisor.Dispose();
        _regulator.Dispose();
        _factory.Dispose();
    }

    private static async Task<string> GetAsync(HttpClient client, string month, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url + month);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(accept ?? "application/json"));
        return text;
    }

    [Test]
    public void Fixture_CoversTheMonthsEdges()
    {
        // Anchors for the hand computation: d5 (23:30 on 31 Dec) is December's, j1 (00:30 on 1 Jan) January's,
        // j9's withdrawal at 00:30 on 1 Feb (still 31 Jan in UTC) is February's.
        Assert.Multiple(() =>
        {
            Assert.That(January.Received, Is.EqualTo(11));
            Assert.That(January.Closed, Is.EqualTo(9));
            Assert.That(January.Withdrawn, Is.EqualTo(2));
            Assert.That((January.OutstandingAtStart, January.OutstandingAtEnd), Is.EqualTo((4L, 4L)));
            Assert.That(January.Redress.Keys, Is.EquivalentTo(new[] { "CNY", "USD" }));
            Assert.That(January.WithinInternal, Is.LessThan(January.Closed), "some answers were late");
        });
    }

    [Test]
    public async Task Monthly_EmptyMonth_ZeroCountsAndNoShares()
    {
        var json = JsonDocument.Parse(await GetAsync(_supervisor, "2025-10")).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(Long(json, "received") + Long(json, "closed") + Long(json, "outstandingAtStart"), Is.Zero);
            Assert.That(json.GetProperty("closedWithinInternalTarget").GetProperty("percent").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(json.GetProperty("handlingWorkingDays").GetProperty("p90").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(json.GetProperty("breakdowns").GetProperty("branch").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task MonthlyCsv_EmptyMonth_EmptyValueCellsAreExactlyTheJsonNulls_AsTheReadmeSays()
    {
        var csv = CsvText.Table(await GetAsync(_supervisor, "2025-10", "text/csv"));
        var empty = csv.Where(r => r["value"].Length == 0).Select(r => r["section"] + "." + r["metric"]).ToList();
        var expected = new[]
        {
            "closedWithinInternalTarget.percent", "closedWithinRegulatoryDeadline.percent", "upheld.percent",
            "handlingWorkingDays.mean", "handlingWorkingDays.p90",
        };
        Assert.That(empty, Is.EquivalentTo(expected));

        // The README names the same cells as the only empty ones.
        var readme = await File.ReadAllTextAsync(Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory,
            "../../../../../Modules/Complaints/README.md")));
        var sentence = readme[readme.IndexOf("Empty `value` cells", StringComparison.Ordinal)..];
        sentence = sentence[..sentence.IndexOf('.', StringComparison.Ordinal)];
        foreach (var cell in expected)
        {
            var (section, metric) = (cell.Split('.')[0], cell.Split('.')[1]);
            Assert.That(sentence, Does.Contain($"`{section}` {metric}"), cell);
        }
    }

    [Test]
    public async Task Monthly_Regulator_GetsAggregatesWithoutPersonalData()
    {
        foreach (var accept in new[] { "application/json", "text/csv" })
        {
            var text = await GetAsync(_regulator, "2026-01", accept);
            // The seeder names every consumer 客户<key> with a +86 139 0000 phone.
            Assert.That(text, Does.Not.Contain("客户").And.Not.Contain("139").And.Not.Contain("handler-1").And.Not.Contain("CP-"), accept);
        }
    }

    [Test]
    public async Task Monthly_Teller_Answers403()
    {
        using var teller = (await ComplaintsApi.ClientAsync(_factory, [Role.Teller], branch: "SH001")).Client;
        using var response = await teller.GetAsync(Url + "2026-01");
        await HttpAssert.Problem(response, 403);
    }

    [TestCase("2026-1")]
    [TestCase("2026-13")]
    [TestCase("26-01")]
    [TestCase("2026-01-01")]
    [TestCase("abcd-ef")]
    [TestCase("2026-03")]
    public async Task Monthly_BadOrFutureMonth_Answers400OnMonth(string month)
    {
        using var response = await _supervisor.GetAsync(Url + month);
        await HttpAssert.FieldError(response, "month");
    }
}
