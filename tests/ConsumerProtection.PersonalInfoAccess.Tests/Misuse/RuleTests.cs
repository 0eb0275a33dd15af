using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using static ConsumerProtection.PersonalInfoAccess.Tests.Misuse.MisuseHarness;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Misuse;

public sealed class RuleTests
{
    private MisuseHarness _h = null!;

    [SetUp]
    public async Task SetUp() => _h = await StartAsync(new()
    {
        ["PiAccess:Misuse:DistinctCustomers:Threshold"] = "5",
        ["PiAccess:Misuse:OffHours:ExemptSystems:0"] = "nightly-batch",
        ["PiAccess:Misuse:C3Access:AllowedSystems:0"] = "auth-service",
        ["PiAccess:Misuse:C3Access:AllowedRoles:0"] = "security-admin",
    });

    [TearDown]
    public void TearDown() => _h.Dispose();

    private static Dictionary<string, object?>[] Customers(string staff, int count, DateTimeOffset start, string prefix = "CIF-") =>
        Enumerable.Range(0, count).Select(i => PiEvents.Event(at: start.AddMinutes(i), customer: prefix + i, staff: staff)).ToArray();

    [Test]
    public async Task DistinctCustomers_ThresholdInTheHour_NoAlert_OneMore_OneAlert()
    {
        await _h.SendAsync(Customers("browser", 5, Local(26, 9, 10)));
        // The same customers again add no distinct customer.
        await _h.SendAsync(Customers("browser", 5, Local(26, 9, 20)));
        await _h.RunAsync();
        Assert.That(await _h.AlertsOfAsync("DistinctCustomers"), Is.Empty, "5 distinct customers is the threshold, not above it");

        await _h.SendAsync(PiEvents.Event(at: Local(26, 9, 40), customer: "CIF-new", staff: "browser"));
        await _h.RunAsync();
        var alerts = await _h.AlertsOfAsync("DistinctCustomers");
        Assert.That(alerts, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(alerts[0].GetProperty("staffId").GetString(), Is.EqualTo("browser"));
            Assert.That(alerts[0].GetProperty("severity").GetString(), Is.EqualTo("High"));
            Assert.That(alerts[0].GetProperty("eventCount").GetInt32(), Is.EqualTo(1));
            Assert.That(alerts[0].GetProperty("details").GetProperty("maxDistinctCustomers").GetInt32(), Is.EqualTo(6));
            Assert.That(alerts[0].GetProperty("details").GetProperty("localHour").GetString(), Is.EqualTo("2026-11-26T09:00"));
        });
    }

    [Test]
    public async Task DistinctCustomers_RollingWindow_CustomersOlderThanTheHourDoNotCount()
    {
        await _h.SendAsync(Customers("spread", 3, Local(26, 8, 0), "OLD-"));
        await _h.SendAsync(Customers("spread", 3, Local(26, 9, 5), "NEW-"));
        await _h.RunAsync();
        Assert.That(await _h.AlertsOfAsync("DistinctCustomers"), Is.Empty, "08:00–08:02 and 09:05–09:07: at most 4 in any hour");

        await _h.SendAsync(PiEvents.Event(at: Local(26, 8, 30), customer: "MID-1", staff: "spread"),
            PiEvents.Event(at: Local(26, 8, 31), customer: "MID-2", staff: "spread"));
        await _h.RunAsync();
        Assert.That(await _h.AlertsOfAsync("DistinctCustomers"), Is.Empty, "[08:07, 09:07] holds MID-1, MID-2, NEW-0..2: five, not above five");

        await _h.SendAsync(PiEvents.Event(at: Local(26, 9, 8), customer: "NEW-3", staff: "spread"));
        await _h.RunAsync();
        Assert.That(await _h.AlertsOfAsync("DistinctCustomers"), Has.Count.EqualTo(1), "six distinct customers within [08:08, 09:08]");
    }

    [Test]
    public async Task DistinctCustomers_ALateEvent_CountsInTheLaterWindowsItFallsInto()
    {
        await _h.SendAsync(Customers("late", 5, Local(26, 9, 30)));
        await _h.RunAsync();
        Assert.That(await _h.AlertsOfAsync("DistinctCustomers"), Is.Empty);

        // Delivered late: at its own time (09:00) the hour holds one customer, but the hour ending 09:34 now holds six.
        await _h.SendAsync(PiEvents.Event(at: Local(26, 9, 0), customer: "CIF-late", staff: "late"));
        await _h.RunAsync();
        var alert = (await _h.AlertsOfAsync("DistinctCustomers")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(alert.GetProperty("eventCount").GetInt32(), Is.EqualTo(1));
            Assert.That(alert.GetProperty("details").GetProperty("maxDistinctCustomers").GetInt32(), Is.EqualTo(6));
            Assert.That(alert.GetProperty("windowEnd").GetDateTimeOffset(), Is.EqualTo(Local(26, 9, 34)));
        });
    }

    [TestCase(7, 59, true)]
    [TestCase(8, 0, false)]
    [TestCase(17, 59, false)]
    [TestCase(18, 0, true)]
    public async Task OffHours_WorkingHoursBoundaries(int hour, int minute, bool alert)
    {
        await _h.SendAsync(PiEvents.Event(at: Local(25, hour, minute), staff: "clock"));
        await _h.RunAsync();
        var alerts = await _h.AlertsOfAsync("OffHours");
        Assert.That(alerts, Has.Count.EqualTo(alert ? 1 : 0));
        if (alert)
        {
            Assert.That(alerts[0].GetProperty("details").GetProperty("nonWorkingDay").GetBoolean(), Is.False);
            Assert.That(alerts[0].GetProperty("details").GetProperty("localDate").GetString(), Is.EqualTo("2026-11-25"));
        }
    }

    [Test]
    public async Task OffHours_Saturday_Holiday_And_MakeUpSaturday_FollowTheCalendar()
    {
        await _h.SetCalendarAsync(("2026-11-20", "Holiday"), ("2026-11-14", "Workday"));
        await _h.SendAsync(
            PiEvents.Event(at: Local(21, 10), staff: "saturday"),
            PiEvents.Event(at: Local(20, 10), staff: "holiday"),
            PiEvents.Event(at: Local(14, 10), staff: "makeup"),
            PiEvents.Event(at: Local(21, 10), staff: "batch", system: "nightly-batch"),
            PiEvents.Event(at: Local(19, 10), staff: "weekday"));
        await _h.RunAsync();
        var staff = (await _h.AlertsOfAsync("OffHours")).ToDictionary(a => a.GetProperty("staffId").GetString()!);
        Assert.That(staff.Keys, Is.EquivalentTo(new[] { "saturday", "holiday" }), "make-up Saturday, exempt system and a weekday raise nothing");
        Assert.That(staff["holiday"].GetProperty("details").GetProperty("nonWorkingDay").GetBoolean(), Is.True);
    }

    [Test]
    public async Task C3Access_NeedsAnAllowedSystemAndAnAllowedRole()
    {
        Dictionary<string, object?> C3(string staff, string system, string role, string outcome = "Succeeded")
        {
            var e = PiEvents.Event(at: Local(26, 9), staff: staff, system: system, categories: [("password", "C3"), ("phone", "C2")]);
            e["staffRole"] = role;
            e["outcome"] = outcome;
            return e;
        }

        var c2Only = PiEvents.Event(at: Local(26, 9), staff: "c2", system: "core-banking");
        await _h.SendAsync(
            C3("ok", "auth-service", "teller, security-admin"), C3("bad-system", "core-banking", "security-admin"),
            C3("bad-role", "AUTH-SERVICE", "teller"), C3("denied", "core-banking", "teller", "Denied"), c2Only);
        await _h.RunAsync();
        var alerts = (await _h.AlertsOfAsync("C3Access")).ToDictionary(a => a.GetProperty("staffId").GetString()!);
        Assert.That(alerts.Keys, Is.EquivalentTo(new[] { "bad-system", "bad-role" }));
        Assert.Multiple(() =>
        {
            Assert.That(alerts["bad-system"].GetProperty("details").GetProperty("systemAllowed").GetBoolean(), Is.False);
            Assert.That(alerts["bad-system"].GetProperty("sourceSystem").GetString(), Is.EqualTo("core-banking"));
            Assert.That(alerts["bad-role"].GetProperty("details").GetProperty("roleAllowed").GetBoolean(), Is.False);
            Assert.That(alerts["bad-role"].GetProperty("details").GetProperty("categories")[0].GetString(), Is.EqualTo("password"));
        });
    }

    [Test]
    public async Task MarketingWithoutConsent_AndCreditReportWithoutAuthorization_FireOnlyWithoutTheReference()
    {
        var marketing = PiEvents.Event(at: Local(26, 9), staff: "m-bad", purpose: "MarketingWithConsent");
        var consented = PiEvents.Event(at: Local(26, 9), staff: "m-ok", purpose: "MarketingWithConsent");
        consented["consentReference"] = "CONSENT-1";
        var credit = PiEvents.Event(at: Local(26, 9), staff: "c-bad", purpose: "CreditReview", categories: [("credit-report", "C2")]);
        var authorized = PiEvents.Event(at: Local(26, 9), staff: "c-ok", purpose: "CreditReview", categories: [("credit-report", "C2")]);
        authorized["authorizationReference"] = "AUTH-1";
        await _h.SendAsync(marketing, consented, credit, authorized);
        await _h.RunAsync();
        var m = await _h.AlertsOfAsync("MarketingWithoutConsent");
        var c = await _h.AlertsOfAsync("CreditReportWithoutAuthorization");
        Assert.Multiple(() =>
        {
            Assert.That(m.Select(a => a.GetProperty("staffId").GetString()), Is.EqualTo(new[] { "m-bad" }));
            Assert.That(c.Select(a => a.GetProperty("staffId").GetString()), Is.EqualTo(new[] { "c-bad" }));
        });
    }

    [Test]
    public async Task FlaggedCustomer_AccessToAVipRaisesAnAlertNamingTheReference()
    {
        var put = await _h.Officer.PutAsync("/api/v1/pi-access/customer-flags/CIF-VIP",
            Host.Tests.Infrastructure.HttpAssert.Json("""{"flag":"Vip","note":"board member"}"""));
        Assert.That((int)put.StatusCode, Is.EqualTo(201), await put.Content.ReadAsStringAsync());
        await _h.SendAsync(PiEvents.Event(at: Local(26, 9), customer: "CIF-VIP", staff: "nosy"), PiEvents.Event(at: Local(26, 9), customer: "CIF-0002", staff: "nosy"));
        await _h.RunAsync();
        var alerts = await _h.AlertsOfAsync("FlaggedCustomer");
        Assert.That(alerts, Has.Count.EqualTo(1));
        Assert.That(alerts[0].GetProperty("customerReference").GetString(), Is.EqualTo("CIF-VIP"));
        Assert.That(alerts[0].GetProperty("details").GetProperty("flag").GetString(), Is.EqualTo("Vip"));
    }
}
