using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Events;
using Microsoft.Extensions.DependencyInjection;
using static ConsumerProtection.PersonalInfoAccess.Tests.Misuse.MisuseHarness;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Misuse;

/// <summary>
/// A confirmed leak's major event is raised into the office's register (plan 6 art. 41(5), ADR 0008): one entry linked
/// back to the PI major event, with a summary free of the officer's text; a second delivery registers nothing more.
/// </summary>
public sealed class MajorEventRegisterTests
{
    [Test]
    public async Task ConfirmedLeak_LandsOnceInTheOfficeRegister_WithoutTheOfficersSummary()
    {
        using var h = await StartAsync();
        await h.SendAsync(PiEvents.Event(at: Local(26, 9), staff: "marketer", purpose: "MarketingWithConsent"));
        await h.RunAsync();
        var alertId = (await h.AlertsAsync()).Single().GetProperty("id").GetGuid();
        await Workflow.StepAsync(h.Officer, alertId, "acknowledge", new { });
        var confirmed = await Workflow.StepAsync(h.Officer, alertId, "confirm",
            new { note = "list exported", leak = true, summary = "Marketing list of customer 王芳 sent outside the bank" });
        var piEventId = confirmed.GetProperty("majorEventId").GetGuid();

        var dispatcher = h.Api.Services.GetRequiredService<IntegrationEventDispatcher>();
        var first = await dispatcher.DispatchAllAsync(CancellationToken.None);
        var second = await dispatcher.DispatchAllAsync(CancellationToken.None);

        var register = await (await h.Officer.GetAsync("/api/v1/major-events?sourceModule=PersonalInfoAccess")).JsonAsync();
        var entry = register.GetProperty("items").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(first.Delivered, Is.GreaterThanOrEqualTo(1));
            Assert.That(second.Delivered, Is.Zero);
            Assert.That(register.GetProperty("total").GetInt64(), Is.EqualTo(1));
            Assert.That(entry.GetProperty("sourceReference").GetString(), Is.EqualTo(piEventId.ToString()));
            Assert.That(entry.GetProperty("kind").GetString(), Is.EqualTo("PersonalInfoLeak"));
            Assert.That(entry.GetProperty("status").GetString(), Is.EqualTo("Open"));
            Assert.That(entry.GetProperty("summary").GetString(), Does.Not.Contain("王芳").And.Contain(alertId.ToString()));
        });
    }
}
