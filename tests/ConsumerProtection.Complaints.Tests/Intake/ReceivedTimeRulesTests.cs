using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Intake;

/// <summary>Rules and windows judge by when the bank received a complaint, not when it was keyed in.</summary>
public sealed class ReceivedTimeRulesTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 10, 0, 0, Shanghai);

    private static async Task<List<JsonElement>> VolumeIncidentsAsync(HttpClient admin, string product)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/complaints/incidents?pageSize=200");
        return page.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("kind").GetString() == "ProductVolume" && i.GetProperty("productCode").GetString() == product).ToList();
    }

    [Test]
    public async Task VolumeRule_BacklogReceivedWithinWindowEnteredLate_OpensOneIncidentAtItsReceiptWindow()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        // Twelve letters received 10 to 15 days ago (within 7 days of each other), keyed in today.
        var first = Now.AddDays(-15);
        for (var i = 0; i < 12; i++)
        {
            await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(first.AddHours(10 * i), b => b["productCode"] = "LOAN-LATE"));
        }

        var incidents = await VolumeIncidentsAsync(admin, "LOAN-LATE");
        Assert.That(incidents, Has.Count.EqualTo(1));
        Assert.That(incidents[0].GetProperty("complaintCount").GetInt32(), Is.EqualTo(10));
        Assert.That(incidents[0].GetProperty("windowFrom").GetDateTimeOffset(), Is.EqualTo(first));
    }

    [Test]
    public async Task VolumeRule_TenEnteredTodayButReceivedWeeksApart_OpensNothing()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        // Ten complaints keyed in today, received 2 days apart: no 7-day window holds more than four.
        for (var i = 0; i < 10; i++)
        {
            await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now.AddDays(-2 * i), b => b["productCode"] = "CARD-SPREAD"));
        }

        Assert.That(await VolumeIncidentsAsync(admin, "CARD-SPREAD"), Is.Empty);
    }

    [Test]
    public async Task VolumeRule_LateComplaintCompletesAnEarlierWindow_RaisesItsIncident_OnlyOnce()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        var start = Now.AddDays(-30);
        for (var i = 0; i < 9; i++)
        {
            await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(start.AddHours(12 * i), b => b["productCode"] = "FUND-BACK"));
        }

        // Nine in the window (threshold 10), then a few recent ones: nothing yet.
        await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now.AddHours(-1), b => b["productCode"] = "FUND-BACK"));
        Assert.That(await VolumeIncidentsAsync(admin, "FUND-BACK"), Is.Empty);

        // A letter received in that window a month ago, keyed in today, completes it.
        await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(start.AddDays(3), b => b["productCode"] = "FUND-BACK"));
        var incidents = await VolumeIncidentsAsync(admin, "FUND-BACK");
        Assert.That(incidents, Has.Count.EqualTo(1));
        Assert.That(incidents[0].GetProperty("windowFrom").GetDateTimeOffset(), Is.EqualTo(start));

        // Another late one in the same window belongs to that incident.
        await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(start.AddDays(2), b => b["productCode"] = "FUND-BACK"));
        Assert.That(await VolumeIncidentsAsync(admin, "FUND-BACK"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task VolumeRule_BurstsKeyedInOrder_ABurstOverlappingTheFirstIncidentOpensNothing_OneAWindowLaterOpensAtItsBusiestStart()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        var t0 = Now.AddDays(-30);
        Task File(DateTimeOffset received) => ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(received, b => b["productCode"] = "CARD-BURST"));

        // Ten within hours: the tenth opens the first incident, its window starting at the first receipt.
        for (var i = 0; i < 10; i++)
        {
            await File(t0.AddHours(i));
        }

        // One on day 6, then ten on day 7.5: the busiest window holding them starts on day 6 (eleven complaints) and
        // lies within a window of the first incident, so nothing new opens.
        await File(t0.AddDays(6));
        for (var i = 0; i < 10; i++)
        {
            await File(t0.AddDays(7.5).AddHours(i));
        }

        var afterSecondBurst = await VolumeIncidentsAsync(admin, "CARD-BURST");

        // Day 14: the busiest window holding it starts at the day-7.5 burst (ten plus this one), clear of the first.
        await File(t0.AddDays(14));
        var incidents = await VolumeIncidentsAsync(admin, "CARD-BURST");

        Assert.That(afterSecondBurst, Has.Count.EqualTo(1));
        Assert.That(afterSecondBurst[0].GetProperty("windowFrom").GetDateTimeOffset(), Is.EqualTo(t0));
        Assert.That(afterSecondBurst[0].GetProperty("complaintCount").GetInt32(), Is.EqualTo(10));
        Assert.That(incidents, Has.Count.EqualTo(2));
        var second = incidents.Single(i => i.GetProperty("windowFrom").GetDateTimeOffset() != t0);
        Assert.That(second.GetProperty("windowFrom").GetDateTimeOffset(), Is.EqualTo(t0.AddDays(7.5)));
        Assert.That(second.GetProperty("complaintCount").GetInt32(), Is.EqualTo(11));
    }

    [TestCase("2026-12-31T23:30:00+08:00", "2027-01-02T10:00:00+08:00", "CP-20261231-")]
    [TestCase("2026-12-31T16:30:00+00:00", "2027-01-02T10:00:00+08:00", "CP-20270101-")]
    [TestCase("2026-11-30T18:00:00+08:00", "2026-12-01T09:00:00+08:00", "CP-20261130-")]
    [TestCase("2028-02-29T08:00:00+08:00", "2028-03-01T09:00:00+08:00", "CP-20280229-")]
    public async Task Reference_CarriesTheBankLocalReceivedDay_AcrossMonthAndYearEdges(string received, string entered, string prefix)
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(DateTimeOffset.Parse(entered, System.Globalization.CultureInfo.InvariantCulture)));
        using var admin = factory.Admin();
        var receivedAt = DateTimeOffset.Parse(received, System.Globalization.CultureInfo.InvariantCulture);
        var a = await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(receivedAt));
        var b = await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(receivedAt.AddMinutes(1)));
        Assert.That(a.GetProperty("reference").GetString(), Is.EqualTo(prefix + "000001"));
        Assert.That(b.GetProperty("reference").GetString(), Is.EqualTo(prefix + "000002"));
    }
}
