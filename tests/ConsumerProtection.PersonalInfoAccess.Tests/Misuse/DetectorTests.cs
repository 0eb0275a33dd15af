using ConsumerProtection.Modules.PersonalInfoAccess.Misuse;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using static ConsumerProtection.PersonalInfoAccess.Tests.Misuse.MisuseHarness;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Misuse;

public sealed class DetectorTests
{
    private MisuseHarness _h = null!;

    [SetUp]
    public async Task SetUp() => _h = await StartAsync(new() { ["PiAccess:Misuse:BatchSize"] = "2" });

    [TearDown]
    public void TearDown() => _h.Dispose();

    private static Dictionary<string, object?> Marketing(int minute) =>
        PiEvents.Event(at: Local(26, 9, minute), staff: "marketer", purpose: "MarketingWithConsent");

    [Test]
    public async Task RunOnce_AdvancesTheCursor_AndARerunRaisesNothing()
    {
        await _h.SendAsync(Marketing(1), Marketing(2), Marketing(3), PiEvents.Event(at: Local(26, 9, 4)), PiEvents.Event(at: Local(21, 9)));
        var first = await _h.RunAsync();
        var again = await _h.RunAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(first.EventsScanned, Is.EqualTo(5), "three batches of at most 2");
            Assert.That(first.Cursor, Is.EqualTo(5));
            Assert.That(_h.Cursor(), Is.EqualTo(5));
            Assert.That(first.AlertsRaised, Is.EqualTo(2), "one marketing alert for the day across batches, one off-hours (Saturday)");
            Assert.That(again.EventsScanned, Is.Zero);
            Assert.That(again.AlertsRaised + again.AlertsUpdated, Is.Zero);
            Assert.That(await _h.AlertsAsync(), Has.Count.EqualTo(2));
            Assert.That(_h.AuditCount("pi-access.alert.raised"), Is.EqualTo(2));
        });
        var marketing = (await _h.AlertsOfAsync("MarketingWithoutConsent")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(marketing.GetProperty("eventCount").GetInt32(), Is.EqualTo(3));
            Assert.That(marketing.GetProperty("firstSeq").GetInt64(), Is.EqualTo(1));
            Assert.That(marketing.GetProperty("lastSeq").GetInt64(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task LaterHits_JoinTheActiveAlert_ButNotAClosedOne()
    {
        await _h.SendAsync(Marketing(1));
        await _h.RunAsync();
        await _h.SendAsync(Marketing(2));
        var run = await _h.RunAsync();
        var alert = (await _h.AlertsOfAsync("MarketingWithoutConsent")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(run.AlertsUpdated, Is.EqualTo(1));
            Assert.That(alert.GetProperty("eventCount").GetInt32(), Is.EqualTo(2));
            Assert.That(alert.GetProperty("version").GetInt64(), Is.EqualTo(2), "the reviewer's older ETag goes stale");
        });

        var id = alert.GetProperty("id").GetGuid();
        await Workflow.StepAsync(_h.Officer, id, "acknowledge", new { note = "looking" });
        await Workflow.StepAsync(_h.Officer, id, "dismiss", new { note = "campaign consent recorded elsewhere" });
        await _h.SendAsync(Marketing(3));
        run = await _h.RunAsync();
        var alerts = await _h.AlertsOfAsync("MarketingWithoutConsent");
        Assert.Multiple(() =>
        {
            Assert.That(run.AlertsRaised, Is.EqualTo(1), "a decision does not hide later hits of the day");
            Assert.That(alerts, Has.Count.EqualTo(2));
            Assert.That(alerts.Count(a => a.GetProperty("status").GetString() == "Open"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task MisuseRunsEndpoint_AdminRunsTheRulesNow()
    {
        await _h.SendAsync(Marketing(1));
        using var admin = _h.Api.Admin();
        var response = await admin.PostAsync("/api/v1/pi-access/misuse-runs", null);
        var body = await response.JsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200), body.ToString());
            Assert.That(body.GetProperty("eventsScanned").GetInt64(), Is.EqualTo(1));
            Assert.That(body.GetProperty("alertsRaised").GetInt32(), Is.EqualTo(1));
            Assert.That(body.GetProperty("cursor").GetInt64(), Is.EqualTo(1));
            Assert.That(_h.AuditCount("pi-access.misuse-run"), Is.EqualTo(1));
        });
        var officer = await _h.Officer.PostAsync("/api/v1/pi-access/misuse-runs", null);
        Assert.That((int)officer.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task Writer_CursorMovedByAnotherRunner_RollsBackTheWholeBatch()
    {
        await _h.SendAsync(Marketing(1));
        await _h.RunAsync();
        var db = _h.Api.Services.GetRequiredKeyedService<IModuleDb>("piaccess");
        var writer = new AlertWriter(db, _h.Api.Services.GetRequiredService<IAuditWriter>(), Caller.System("test"));
        var finding = new Finding(MisuseRule.OffHours, Finding.KeyOf("another", "group"), "s", null, null, new FindingDetails());
        finding.Add(new ScannedEvent { Seq = 1, OccurredAt = PiEvents.Now }, PiEvents.Now, PiEvents.Now, null);

        // This runner read cursor 0, but another already moved it to 1.
        await Assert.ThrowsAsync<AlertWriter.RetryBatchException>(() => writer.WriteAsync([finding], 0, 1, PiEvents.Now, CancellationToken.None));
        Assert.Multiple(async () =>
        {
            Assert.That(await _h.AlertsAsync(), Has.Count.EqualTo(1), "the raced alert was rolled back");
            Assert.That(_h.Cursor(), Is.EqualTo(1));
        });
    }
}
