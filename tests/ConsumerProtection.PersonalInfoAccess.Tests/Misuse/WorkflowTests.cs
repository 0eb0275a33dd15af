using System.Net.Http.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using static ConsumerProtection.PersonalInfoAccess.Tests.Misuse.MisuseHarness;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Misuse;

public sealed class WorkflowTests
{
    private MisuseHarness _h = null!;
    private Guid _id;

    [SetUp]
    public async Task SetUp()
    {
        _h = await StartAsync();
        await _h.SendAsync(PiEvents.Event(at: Local(26, 9), staff: "marketer", purpose: "MarketingWithConsent"));
        await _h.RunAsync();
        _id = (await _h.AlertsAsync()).Single().GetProperty("id").GetGuid();
    }

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public async Task Acknowledge_ThenDismiss_KeepsNotesAndAuditsEachStep()
    {
        var acknowledged = await Workflow.StepAsync(_h.Officer, _id, "acknowledge", new { note = "taking this" });
        Assert.That(acknowledged.GetProperty("status").GetString(), Is.EqualTo("Acknowledged"));
        Assert.That(acknowledged.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "Dismiss", "Confirm" }));
        var dismissed = await Workflow.StepAsync(_h.Officer, _id, "dismiss", new { note = "consent captured on paper, reference added" });
        var (alert, etag) = await Workflow.GetAsync(_h.Officer, _id);
        var notes = alert.GetProperty("notes").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(dismissed.GetProperty("status").GetString(), Is.EqualTo("Dismissed"));
            Assert.That(alert.GetProperty("resolution").GetString(), Is.EqualTo("NoMisuse"));
            Assert.That(alert.GetProperty("closedBy").GetString(), Does.StartWith("key:"));
            Assert.That(alert.GetProperty("allowedActions").GetArrayLength(), Is.Zero);
            Assert.That(etag, Is.EqualTo("\"3\""));
            Assert.That(notes.Select(n => n.GetProperty("toStatus").GetString()), Is.EqualTo(new[] { "Acknowledged", "Dismissed" }));
            Assert.That(notes[1].GetProperty("note").GetString(), Is.EqualTo("consent captured on paper, reference added"));
            Assert.That(_h.AuditCount("pi-access.alert.acknowledged"), Is.EqualTo(1));
            Assert.That(_h.AuditCount("pi-access.alert.dismissed"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Confirm_BeforeAcknowledge_Is409WithAllowedActions_AndAfterClose_Is409()
    {
        var (_, etag) = await Workflow.GetAsync(_h.Officer, _id);
        var early = await HttpAssert.Problem(await Workflow.PostAsync(_h.Officer, _id, "confirm", new { note = "x", leak = false }, etag), 409);
        Assert.Multiple(() =>
        {
            Assert.That(early.GetProperty("currentStatus").GetString(), Is.EqualTo("Open"));
            Assert.That(early.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "Acknowledge" }));
        });

        await Workflow.StepAsync(_h.Officer, _id, "acknowledge", new { });
        await Workflow.StepAsync(_h.Officer, _id, "confirm", new { note = "marketing list used without consent", leak = false });
        (_, etag) = await Workflow.GetAsync(_h.Officer, _id);
        var late = await HttpAssert.Problem(await Workflow.PostAsync(_h.Officer, _id, "dismiss", new { note = "x" }, etag), 409);
        Assert.That(late.GetProperty("currentStatus").GetString(), Is.EqualTo("Confirmed"));
    }

    [Test]
    public async Task Step_WithoutIfMatch_Is428_WithStaleETag_Is412_AndNothingChanges()
    {
        await HttpAssert.Problem(await Workflow.PostAsync(_h.Officer, _id, "acknowledge", new { }, null), 428);
        var stale = await HttpAssert.Problem(await Workflow.PostAsync(_h.Officer, _id, "acknowledge", new { }, "\"7\""), 412);
        Assert.That(stale.GetProperty("currentETag").GetString(), Is.EqualTo("\"1\""));
        var (alert, _) = await Workflow.GetAsync(_h.Officer, _id);
        Assert.That(alert.GetProperty("status").GetString(), Is.EqualTo("Open"));
        Assert.That(alert.GetProperty("notes").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Dismiss_WithoutNote_And_ConfirmLeakWithoutSummary_Are400()
    {
        await Workflow.StepAsync(_h.Officer, _id, "acknowledge", new { });
        var (_, etag) = await Workflow.GetAsync(_h.Officer, _id);
        await HttpAssert.FieldError(await Workflow.PostAsync(_h.Officer, _id, "dismiss", new { }, etag), "note");
        await HttpAssert.FieldError(await Workflow.PostAsync(_h.Officer, _id, "confirm", new { note = "n" }, etag), "leak");
        await HttpAssert.FieldError(await Workflow.PostAsync(_h.Officer, _id, "confirm", new { note = "n", leak = true }, etag), "summary");
        var (alert, _) = await Workflow.GetAsync(_h.Officer, _id);
        Assert.That(alert.GetProperty("status").GetString(), Is.EqualTo("Acknowledged"));
    }

    [Test]
    public async Task ConfirmLeak_OpensAMajorEvent_ReportedOnce()
    {
        await Workflow.StepAsync(_h.Officer, _id, "acknowledge", new { });
        var confirmed = await Workflow.StepAsync(_h.Officer, _id, "confirm",
            new { note = "list exported to a third party", leak = true, summary = "Marketing list of 1 customer sent outside the bank" });
        var eventId = confirmed.GetProperty("majorEventId").GetGuid();
        Assert.That(confirmed.GetProperty("resolution").GetString(), Is.EqualTo("Leak"));

        var list = await (await _h.Officer.GetAsync("/api/v1/pi-access/major-events?reported=false")).JsonAsync();
        Assert.That(list.GetProperty("total").GetInt64(), Is.EqualTo(1));
        Assert.That(list.GetProperty("items")[0].GetProperty("alertId").GetGuid(), Is.EqualTo(_id));

        var report = new { reportedTo = "PBOC Shanghai branch", reportedAt = PiEvents.Now.AddMinutes(-5), reference = "PBOC-2026-117" };
        var first = await _h.Officer.PostAsJsonAsync($"/api/v1/pi-access/major-events/{eventId}/report", report);
        Assert.That((int)first.StatusCode, Is.EqualTo(200), await first.Content.ReadAsStringAsync());
        var again = await HttpAssert.Problem(await _h.Officer.PostAsJsonAsync($"/api/v1/pi-access/major-events/{eventId}/report", report), 409);
        Assert.That(again.GetProperty("reportReference").GetString(), Is.EqualTo("PBOC-2026-117"));
        var stored = await (await _h.Officer.GetAsync($"/api/v1/pi-access/major-events/{eventId}")).JsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(stored.GetProperty("reportedTo").GetString(), Is.EqualTo("PBOC Shanghai branch"));
            Assert.That(_h.AuditCount("pi-access.major-event.opened"), Is.EqualTo(1));
            Assert.That(_h.AuditCount("pi-access.major-event.reported"), Is.EqualTo(1));
        });
        await HttpAssert.FieldError(await _h.Officer.PostAsJsonAsync($"/api/v1/pi-access/major-events/{eventId}/report",
            new { reportedTo = "x", reportedAt = PiEvents.Now.AddHours(1), reference = "r" }), "reportedAt");
    }

    [Test]
    public async Task Roles_TellerAndSystemClientAreRefused_AuditorReadsOnly()
    {
        using var teller = await _h.Api.ReaderAsync(Role.Teller);
        using var auditor = await _h.Api.ReaderAsync(Role.Auditor);
        var (_, etag) = await Workflow.GetAsync(auditor, _id);
        Assert.Multiple(async () =>
        {
            Assert.That((int)(await teller.GetAsync("/api/v1/pi-access/alerts")).StatusCode, Is.EqualTo(403));
            Assert.That((int)(await _h.System.GetAsync("/api/v1/pi-access/alerts")).StatusCode, Is.EqualTo(403));
            Assert.That((int)(await auditor.GetAsync("/api/v1/pi-access/alerts")).StatusCode, Is.EqualTo(200));
            Assert.That((int)(await auditor.GetAsync("/api/v1/pi-access/major-events")).StatusCode, Is.EqualTo(200));
            Assert.That((int)(await Workflow.PostAsync(auditor, _id, "acknowledge", new { }, etag)).StatusCode, Is.EqualTo(403));
            Assert.That((int)(await auditor.PutAsync("/api/v1/pi-access/customer-flags/CIF-1", HttpAssert.Json("""{"flag":"Vip"}"""))).StatusCode, Is.EqualTo(403));
        });
    }

    [Test]
    public async Task ListAlerts_FiltersAndValidates()
    {
        await _h.SendAsync(PiEvents.Event(at: Local(21, 9), staff: "weekend"));
        await _h.RunAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await _h.AlertsAsync(), Has.Count.EqualTo(2));
            Assert.That(await _h.AlertsAsync("&rule=OffHours&status=Open"), Has.Count.EqualTo(1));
            Assert.That(await _h.AlertsAsync("&staffId=marketer"), Has.Count.EqualTo(1));
            Assert.That(await _h.AlertsAsync("&status=Dismissed"), Is.Empty);
            Assert.That(await _h.AlertsAsync("&from=2026-11-27T00:00:00%2B08:00"), Is.Empty);
        });
        await HttpAssert.FieldError(await _h.Officer.GetAsync("/api/v1/pi-access/alerts?status=open"), "status");
        await HttpAssert.FieldError(await _h.Officer.GetAsync("/api/v1/pi-access/alerts?rule=Gossip"), "rule");
        await HttpAssert.Problem(await _h.Officer.GetAsync($"/api/v1/pi-access/alerts/{Guid.NewGuid()}"), 404);
    }
}
