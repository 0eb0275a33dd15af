using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Shared.Retention;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure.Retention;

public sealed class EventRetentionTests
{
    private FakeTimeProvider _time = null!;
    private ApiFactory _api = null!;
    private HttpClient _system = null!;
    private HttpClient _admin = null!;

    private void Start(Dictionary<string, string?>? settings = null)
    {
        _time = new FakeTimeProvider(PiEvents.Now);
        _api = new ApiFactory(settings, _time);
        _admin = _api.Admin();
    }

    [SetUp]
    public async Task SetUp()
    {
        Start();
        _system = await _api.SystemClientAsync();
    }

    [TearDown]
    public void TearDown()
    {
        _system.Dispose();
        _admin.Dispose();
        _api.Dispose();
    }

    private static Guid Id(Dictionary<string, object?> e) => (Guid)e["eventId"]!;

    private async Task<JsonElement> HoldAsync(string type, string id)
    {
        using var response = await _admin.PostAsJsonAsync("/api/v1/retention/holds", new { recordType = type, recordId = id, reason = "regulator inquiry" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private async Task<JsonElement> RunDisposalAsync()
    {
        using var response = await _admin.PostAsync("/api/v1/retention/disposal-runs", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.JsonAsync();
    }

    private sealed record Stored(long Seq, string EventId, string RecordedAt, byte[] Payload, byte[] Prev, byte[] Row, string? PurgedAt,
        string? StaffId, string? CustomerRef, string? PurposeText, string? BusinessRef, string? ConsentRef, string? AuthorizationRef, string? StaffBranch);

    private List<Stored> ReadRows()
    {
        using var c = _api.OpenFile("piaccess");
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT seq, event_id, recorded_at, payload_hash, prev_hash, row_hash, purged_at, staff_id, customer_ref, purpose_text,
                   business_ref, consent_ref, authorization_ref, staff_branch
            FROM access_event ORDER BY seq
            """;
        using var r = cmd.ExecuteReader();
        var rows = new List<Stored>();
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        while (r.Read())
        {
            rows.Add(new Stored(r.GetInt64(0), r.GetString(1), r.GetString(2), (byte[])r[3], (byte[])r[4], (byte[])r[5], S(6), S(7), S(8), S(9),
                S(10), S(11), S(12), S(13)));
        }

        return rows;
    }

    [Test]
    public async Task Disposal_PurgesExpiredUnheldEvents_KeepsHeldAndNewer_AuditsIt_AndTheChainStillLinks()
    {
        var old1 = PiEvents.Event(at: PiEvents.Now.AddDays(-2), customer: "CIF-A", purpose: "Other");
        old1["purposeText"] = "a legal request by phone";
        old1["consentReference"] = "CONSENT-9";
        old1["authorizationReference"] = "AUTH-9";
        var old2 = PiEvents.Event(at: PiEvents.Now.AddDays(-1), customer: "CIF-A");
        var heldEvent = PiEvents.Event(at: PiEvents.Now.AddDays(-2), customer: "CIF-B");
        var heldCustomer1 = PiEvents.Event(at: PiEvents.Now.AddDays(-3), customer: "CIF-C");
        var heldCustomer2 = PiEvents.Event(at: PiEvents.Now.AddDays(-1), customer: "CIF-C");
        await _system.SendAllAsync([old1, old2, heldEvent, heldCustomer1, heldCustomer2]);
        await HoldAsync("pi-access-event", Id(heldEvent).ToString("N"));
        var customerHold = await HoldAsync("pi-access-customer", "CIF-C");

        // Not quite three years after the oldest event: nothing has expired yet.
        _time.Advance(TimeSpan.FromDays(1092));
        var none = await RunDisposalAsync();
        Assert.That(none.GetProperty("disposed").GetInt32(), Is.Zero);

        _time.Advance(TimeSpan.FromDays(5));
        var newer = PiEvents.Event(at: _time.GetUtcNow().AddMinutes(-1), customer: "CIF-A");
        await _system.SendAllAsync([newer]);
        var run = await RunDisposalAsync();

        var rows = ReadRows().ToDictionary(r => Guid.Parse(r.EventId));
        Assert.Multiple(() =>
        {
            Assert.That(run.GetProperty("disposed").GetInt32(), Is.EqualTo(2));
            Assert.That(run.GetProperty("held").GetInt32(), Is.EqualTo(3));
            foreach (var purged in new[] { rows[Id(old1)], rows[Id(old2)] })
            {
                Assert.That(purged.PurgedAt, Is.Not.Null);
                Assert.That(new[] { purged.StaffId, purged.CustomerRef, purged.PurposeText, purged.BusinessRef, purged.ConsentRef, purged.AuthorizationRef },
                    Is.All.Null);
                Assert.That(purged.StaffBranch, Is.EqualTo("BR-001"), "only the personal fields go");
            }

            foreach (var kept in new[] { heldEvent, heldCustomer1, heldCustomer2, newer })
            {
                Assert.That(rows[Id(kept)].PurgedAt, Is.Null);
                Assert.That(rows[Id(kept)].CustomerRef, Is.EqualTo(kept["customerReference"]));
            }
        });

        // The chain: every row links to the one before, and each row hash recomputes from the stored columns.
        var chain = ReadRows();
        var prev = EventHash.Genesis;
        foreach (var r in chain)
        {
            var recorded = DateTimeOffset.Parse(r.RecordedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            Assert.That(r.Prev, Is.EqualTo(prev), $"seq {r.Seq} links to the previous row");
            Assert.That(r.Row, Is.EqualTo(EventHash.Row(r.Seq, recorded.UtcTicks, r.Payload, r.Prev)), $"seq {r.Seq} row hash recomputes");
            prev = r.Row;
        }

        // Audited, naming seq and event id only.
        var audit = (await _api.AuditAsync("pi-access.events-purged")).Single();
        var after = audit.GetProperty("after");
        Assert.Multiple(() =>
        {
            Assert.That(after.GetProperty("purged").GetInt32(), Is.EqualTo(2));
            Assert.That(after.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("eventId").GetGuid()), Is.EquivalentTo(new[] { Id(old1), Id(old2) }));
            Assert.That(after.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()), Is.EquivalentTo(new[] { rows[Id(old1)].Seq, rows[Id(old2)].Seq }));
            Assert.That(audit.ToString(), Does.Not.Contain("CIF-A").And.Not.Contain("staff-001").And.Not.Contain("legal request"));
        });

        // A purged event still shows in queries, without its personal fields.
        using var officer = await _api.ReaderAsync(Role.PrivacyOfficer);
        var page = await officer.GetJsonAsync(
            $"/api/v1/pi-access/events?from={PiQueries.Q(PiEvents.Now.AddDays(-10))}&to={PiQueries.Q(PiEvents.Now)}");
        var item = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("eventId").GetGuid() == Id(old1));
        Assert.Multiple(() =>
        {
            Assert.That(item.GetProperty("purged").GetBoolean(), Is.True);
            Assert.That(item.GetProperty("customerReference").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(item.GetProperty("staffId").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(item.GetProperty("purposeText").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(item.GetProperty("purpose").GetString(), Is.EqualTo("Other"));
            Assert.That(item.GetProperty("payloadHash").GetString(), Is.EqualTo(Convert.ToHexStringLower(rows[Id(old1)].Payload)));
        });

        // The customer hold lifted: the next run takes that customer's events too.
        (await _admin.PostAsJsonAsync($"/api/v1/retention/holds/{customerHold.GetProperty("id").GetGuid()}/lift", new { reason = "closed" })).EnsureSuccessStatusCode();
        var afterLift = await RunDisposalAsync();
        Assert.That(afterLift.GetProperty("disposed").GetInt32(), Is.EqualTo(2));
        var final = ReadRows().ToDictionary(r => Guid.Parse(r.EventId));
        Assert.That(final[Id(heldCustomer1)].PurgedAt, Is.Not.Null);
        Assert.That(final[Id(heldEvent)].PurgedAt, Is.Null, "the event hold still stands");
    }

    [Test]
    public async Task SingleDisposal_ReChecksHolds_AndFindExpiredSkipsHeldCustomers()
    {
        var a = PiEvents.Event(at: PiEvents.Now.AddDays(-1), customer: "CIF-A");
        var c = PiEvents.Event(at: PiEvents.Now.AddDays(-1), customer: "CIF-C");
        await _system.SendAllAsync([a, c]);
        await HoldAsync("pi-access-customer", "CIF-C");
        _time.Advance(TimeSpan.FromDays(3 * 366));
        var source = _api.Services.GetServices<IRetentionRecordSource>().Single(s => s.RecordType == "pi-access-event");
        var guard = _api.Services.GetRequiredService<RetentionGuard>();

        var expired = await source.FindExpiredAsync(guard.ExpiredBefore("pi-access-event"), 10, CancellationToken.None);
        await source.DisposeAsync(Id(c).ToString(), CancellationToken.None);
        await source.DisposeAsync(Id(a).ToString(), CancellationToken.None);
        await source.DisposeAsync(Id(a).ToString(), CancellationToken.None);

        var rows = ReadRows().ToDictionary(r => Guid.Parse(r.EventId));
        var audit = await _api.AuditAsync("pi-access.event-purged");
        Assert.Multiple(() =>
        {
            Assert.That(expired, Is.EqualTo(new[] { Id(a).ToString() }));
            Assert.That(rows[Id(c)].PurgedAt, Is.Null, "held customer kept");
            Assert.That(rows[Id(a)].PurgedAt, Is.Not.Null);
            Assert.That(audit, Has.Count.EqualTo(1), "purged and audited once");
            Assert.That(audit[0].GetProperty("entityId").GetString(), Is.EqualTo(Id(a).ToString()));
        });
    }

    [Test]
    public async Task Disposal_RunCap_TakesAtMostMaxDisposalsPerRun_TheNextRunContinues()
    {
        TearDown();
        Start(new() { ["Retention:MaxDisposalsPerRun"] = "3" });
        _system = await _api.SystemClientAsync();
        await _system.SendAllAsync(Enumerable.Range(0, 5).Select(i => PiEvents.Event(at: PiEvents.Now.AddHours(-i - 1))).ToList());
        _time.Advance(TimeSpan.FromDays(3 * 366));

        var first = await RunDisposalAsync();
        var second = await RunDisposalAsync();
        var third = await RunDisposalAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("disposed").GetInt32(), Is.EqualTo(3));
            Assert.That(second.GetProperty("disposed").GetInt32(), Is.EqualTo(2));
            Assert.That(third.GetProperty("disposed").GetInt32(), Is.Zero);
            Assert.That(ReadRows().All(r => r.PurgedAt is not null), Is.True);
        });
    }

    [Test]
    public async Task Holds_UnknownCustomerOrEvent_Are404_AndPoliciesListBothTypes()
    {
        using var unknown = await _admin.PostAsJsonAsync("/api/v1/retention/holds", new { recordType = "pi-access-customer", recordId = "CIF-NONE", reason = "r" });
        using var unknownEvent = await _admin.PostAsJsonAsync("/api/v1/retention/holds", new { recordType = "pi-access-event", recordId = Guid.NewGuid().ToString(), reason = "r" });
        var policies = await _admin.GetJsonAsync("/api/v1/retention/policies");
        Assert.Multiple(() =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknownEvent.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(policies.EnumerateArray().Where(p => p.GetProperty("recordType").GetString()!.StartsWith("pi-access-", StringComparison.Ordinal))
                .Select(p => p.GetProperty("years").GetInt32()), Is.EqualTo(new[] { 3, 3 }));
        });
    }
}
