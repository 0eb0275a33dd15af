using System.Net.Http.Json;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.PersonalInfoAccess.Tests.Misuse;
using Microsoft.Extensions.DependencyInjection;
using static ConsumerProtection.PersonalInfoAccess.Tests.Misuse.MisuseHarness;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Queries;

/// <summary>The read-only figures contract other modules report from: events, alerts by rule and major events per period.</summary>
public sealed class AccessLogFiguresTests
{
    private MisuseHarness _h = null!;
    private string _rule = "";

    [OneTimeSetUp]
    public async Task Seed()
    {
        _h = await StartAsync();
        // Three accesses on the 26th (one touching C3 data, one by marketing without a marketing key: an alert), one on the 20th.
        await _h.SendAsync(
            PiEvents.Event(at: Local(26, 9)),
            PiEvents.Event(at: Local(26, 9, 30), categories: ("password", "C3")),
            PiEvents.Event(at: Local(26, 9, 40), staff: "marketer", purpose: "MarketingWithConsent"),
            PiEvents.Event(at: Local(20, 11)));
        await _h.RunAsync();
        var alerts = await _h.AlertsAsync();
        Assert.That(alerts, Is.Not.Empty, "the seed raises at least one alert");
        var alert = alerts.First(a => a.GetProperty("staffId").GetString() == "marketer");
        _rule = alert.GetProperty("rule").GetString()!;
        var id = alert.GetProperty("id").GetGuid();
        await Workflow.StepAsync(_h.Officer, id, "acknowledge", new { });
        var confirmed = await Workflow.StepAsync(_h.Officer, id, "confirm", new { note = "list sent out", leak = true, summary = "Marketing list sent outside the bank" });
        var major = confirmed.GetProperty("majorEventId").GetGuid();
        var report = new { reportedTo = "PBOC Shanghai branch", reportedAt = PiEvents.Now.AddMinutes(-5), reference = "PBOC-2026-118" };
        (await _h.Officer.PostAsJsonAsync($"/api/v1/pi-access/major-events/{major}/report", report)).EnsureSuccessStatusCode();
    }

    [OneTimeTearDown]
    public void TearDown() => _h.Dispose();

    private IAccessLogFigures Figures => _h.Api.Services.GetRequiredService<IAccessLogFigures>();

    [Test]
    public async Task Day_CountsItsEventsByTier_ItsAlertsByRule_AndItsMajorEvents()
    {
        var day = await Figures.ForPeriodAsync(Local(26, 0), Local(27, 0), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(day.Events, Is.EqualTo(3));
            Assert.That(day.EventsByTier[DataTier.C3], Is.EqualTo(1));
            Assert.That(day.EventsByTier[DataTier.C2], Is.EqualTo(2));
            Assert.That(day.EventsByTier[DataTier.C1], Is.Zero);
            var rule = day.AlertsByRule.Single(r => r.Rule == _rule);
            Assert.That((rule.Raised, rule.Closed), Is.EqualTo((1L, 1L)));
            Assert.That(day.MajorEventsOpened, Is.EqualTo(1));
            Assert.That(day.MajorEventsReported, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Period_IsHalfOpen_AndAnEarlierPeriodSeesOnlyItsOwn()
    {
        var before = await Figures.ForPeriodAsync(Local(20, 0), Local(26, 0), CancellationToken.None);
        var endsAtFirst = await Figures.ForPeriodAsync(Local(20, 0), Local(20, 11), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(before.Events, Is.EqualTo(1));
            Assert.That(before.AlertsByRule, Is.Empty);
            Assert.That((before.MajorEventsOpened, before.MajorEventsReported), Is.EqualTo((0L, 0L)));
            Assert.That(endsAtFirst.Events, Is.Zero, "the end instant is excluded");
        });
    }

    [Test]
    public async Task EmptyOrReversedPeriod_IsRefused()
    {
        await Assert.ThatAsync(() => Figures.ForPeriodAsync(Local(26, 0), Local(26, 0), CancellationToken.None), Throws.ArgumentException);
        await Assert.ThatAsync(() => Figures.ForPeriodAsync(Local(27, 0), Local(26, 0), CancellationToken.None), Throws.ArgumentException);
    }
}
