using System.Text;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Queries;

public sealed class ExportEventsTests
{
    private ApiFactory _api = null!;
    private HttpClient _system = null!;
    private HttpClient _auditor = null!;

    [SetUp]
    public async Task SetUp()
    {
        _api = new ApiFactory(time: new FakeTimeProvider(PiEvents.Now));
        _system = await _api.SystemClientAsync();
        _auditor = await _api.ReaderAsync(Role.Auditor);
    }

    [TearDown]
    public void TearDown()
    {
        _system.Dispose();
        _auditor.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task Export_WritesBomHeaderAndOneEscapedGuardedRowPerEvent_NewestFirst()
    {
        var tricky = PiEvents.Event(at: PiEvents.Now.AddMinutes(-1), customer: "CIF-E", purpose: "Other");
        tricky["purposeText"] = "=HYPERLINK(\"http://x\", \"click\")";
        tricky["staffRole"] = "+teller, senior";
        var plain = PiEvents.Event(at: PiEvents.Now.AddMinutes(-5), customer: "CIF-E");
        var other = PiEvents.Event(customer: "CIF-F");
        await _system.SendAllAsync([tricky, plain, other]);

        using var response = await _auditor.GetAsync("/api/v1/pi-access/events/export?customerReference=CIF-E");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split("\r\n");

        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 byte-order mark");
            Assert.That(lines[0].TrimStart('\uFEFF'), Does.StartWith("seq,eventId,occurredAt,recordedAt,staffId,staffRole,"));
            Assert.That(lines, Has.Length.EqualTo(4), "header, two rows, and the final line end");
            Assert.That(lines[1], Does.StartWith("1," + tricky["eventId"]));
            Assert.That(lines[1], Does.Contain(",\"'=HYPERLINK(\"\"http://x\"\", \"\"click\"\")\","), "formula guarded, quotes doubled, quoted");
            Assert.That(lines[1], Does.Contain(",\"'+teller, senior\","));
            Assert.That(lines[1], Does.Contain(",balance:C2 phone:C2,C2,View,Other,"));
            Assert.That(lines[2], Does.StartWith("2," + plain["eventId"]));
            Assert.That(lines[3], Is.Empty);
            Assert.That(response.Headers.GetValues("X-Total-Count").Single(), Is.EqualTo("2"));
        });
    }

    [Test]
    public async Task Export_WithoutCustomerStaffOrRange_Is400()
    {
        var audited = _api.AuditCount();
        await HttpAssert.FieldError(await _auditor.GetAsync("/api/v1/pi-access/events/export?sourceSystem=crm"), "from");
        await HttpAssert.FieldError(await _auditor.GetAsync("/api/v1/pi-access/events/export?purpose=Nope&customerReference=C"), "purpose");
        Assert.That(_api.AuditCount(), Is.EqualTo(audited));
    }

    [Test]
    public async Task Export_ByTimeRange_HasTheRangesRows()
    {
        await _system.SendAllAsync([PiEvents.Event(at: PiEvents.Now.AddDays(-2)), PiEvents.Event(at: PiEvents.Now.AddHours(-1)), PiEvents.Event(at: PiEvents.Now.AddMinutes(-1))]);
        var text = await _auditor.GetStringAsync(
            $"/api/v1/pi-access/events/export?from={PiQueries.Q(PiEvents.Now.AddDays(-1))}&to={PiQueries.Q(PiEvents.Now)}");
        Assert.That(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3));
        var audit = (await _api.AuditAsync("pi-access.events-exported")).Single();
        Assert.That(audit.GetProperty("after").GetProperty("rows").GetInt32(), Is.EqualTo(2));
    }
}
