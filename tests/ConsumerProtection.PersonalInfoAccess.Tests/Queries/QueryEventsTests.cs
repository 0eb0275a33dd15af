using System.Net;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Queries;

public sealed class QueryEventsTests
{
    private const string Events = "/api/v1/pi-access/events";
    private FakeTimeProvider _time = null!;
    private ApiFactory _api = null!;
    private HttpClient _system = null!;
    private HttpClient _officer = null!;

    [SetUp]
    public async Task SetUp()
    {
        _time = new FakeTimeProvider(PiEvents.Now);
        _api = new ApiFactory(time: _time);
        _system = await _api.SystemClientAsync();
        _officer = await _api.ReaderAsync(Role.PrivacyOfficer);
    }

    [TearDown]
    public void TearDown()
    {
        _system.Dispose();
        _officer.Dispose();
        _api.Dispose();
    }

    // A varied set: each filter value picks a known, non-trivial subset.
    private static List<Dictionary<string, object?>> Mixed()
    {
        var list = new List<Dictionary<string, object?>>();
        string[] customers = ["CIF-A", "CIF-B", "CIF-C"];
        string[] staff = ["s-1", "s-2"];
        string[] systems = ["core-banking", "crm", "cards"];
        string[] purposes = ["AccountServicing", "CreditReview", "RiskControl"];
        string[] actions = ["View", "Export", "Print"];
        (string, string)[][] categories = [[("phone", "C2")], [("customer-segment", "C1")], [("password", "C3"), ("name", "C2")]];
        for (var i = 0; i < 18; i++)
        {
            var e = PiEvents.Event(at: PiEvents.Now.AddHours(-i - 1), customer: customers[i % 3], staff: staff[i % 2],
                system: systems[i / 3 % 3], purpose: purposes[i / 2 % 3], categories: categories[i / 6 % 3]);
            e["action"] = actions[i / 9 % 2 == 0 ? i % 3 : 0];
            list.Add(e);
        }

        return list;
    }

    private static int Tier(Dictionary<string, object?> e) =>
        ((List<Dictionary<string, object?>>)e["categories"]!).Max(c => (string)c["tier"]! switch { "C1" => 1, "C2" => 2, _ => 3 });

    [TestCase("customerReference", "CIF-B")]
    [TestCase("staffId", "s-2")]
    [TestCase("sourceSystem", "crm")]
    [TestCase("purpose", "CreditReview")]
    [TestCase("action", "Export")]
    [TestCase("minTier", "C2")]
    [TestCase("minTier", "C3")]
    public async Task Query_OneFilter_ReturnsExactlyTheMatchingEventsNewestFirst(string filter, string value)
    {
        var sent = Mixed();
        await _system.SendAllAsync(sent);
        Func<Dictionary<string, object?>, bool> match = filter switch
        {
            "minTier" => e => Tier(e) >= (value == "C2" ? 2 : 3),
            _ => e => (string)e[filter]! == value,
        };
        var expected = sent.Where(match).OrderByDescending(e => (DateTimeOffset)e["occurredAt"]!).Select(e => (Guid)e["eventId"]!).ToList();
        Assert.That(expected, Has.Count.InRange(2, 15), "the filter picks a real subset");

        var page = await _officer.GetJsonAsync($"{Events}?{filter}={value}&{PiQueries.Window}");

        Assert.That(page.EventIds(), Is.EqualTo(expected));
    }

    [Test]
    public async Task Query_CombinedFilters_AreAnded()
    {
        var sent = Mixed();
        await _system.SendAllAsync(sent);
        var expected = sent.Where(e => (string)e["customerReference"]! == "CIF-A" && (string)e["staffId"]! == "s-2")
            .Select(e => (Guid)e["eventId"]!).ToHashSet();
        Assert.That(expected, Is.Not.Empty);

        var page = await _officer.GetJsonAsync($"{Events}?customerReference=CIF-A&staffId=s-2");

        Assert.That(page.EventIds(), Is.EquivalentTo(expected));
    }

    [Test]
    public async Task Query_Item_CarriesEveryField()
    {
        var e = PiEvents.Event(customer: "CIF-X", categories: [("password", "C3"), ("phone", "C2")]);
        e["consentReference"] = "CONSENT-1";
        await _system.PostEventAsync(e);

        var item = (await _officer.GetJsonAsync($"{Events}?customerReference=CIF-X")).GetProperty("items")[0];

        Assert.Multiple(() =>
        {
            Assert.That(item.GetProperty("seq").GetInt64(), Is.EqualTo(1));
            Assert.That(item.GetProperty("eventId").GetGuid(), Is.EqualTo((Guid)e["eventId"]!));
            Assert.That(item.GetProperty("occurredAt").GetDateTimeOffset(), Is.EqualTo((DateTimeOffset)e["occurredAt"]!));
            Assert.That(item.GetProperty("recordedAt").GetDateTimeOffset(), Is.EqualTo(PiEvents.Now));
            Assert.That(item.GetProperty("staffId").GetString(), Is.EqualTo("staff-001"));
            Assert.That(item.GetProperty("staffBranch").GetString(), Is.EqualTo("BR-001"));
            Assert.That(item.GetProperty("customerReference").GetString(), Is.EqualTo("CIF-X"));
            Assert.That(item.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString() + ":" + c.GetProperty("tier").GetString()),
                Is.EqualTo(new[] { "password:C3", "phone:C2" }));
            Assert.That(item.GetProperty("action").GetString(), Is.EqualTo("View"));
            Assert.That(item.GetProperty("purpose").GetString(), Is.EqualTo("AccountServicing"));
            Assert.That(item.GetProperty("legalBasis").GetString(), Is.EqualTo("Contract"));
            Assert.That(item.GetProperty("businessReference").GetString(), Is.EqualTo("ACC-778"));
            Assert.That(item.GetProperty("consentReference").GetString(), Is.EqualTo("CONSENT-1"));
            Assert.That(item.GetProperty("channel").GetString(), Is.EqualTo("branch-counter"));
            Assert.That(item.GetProperty("outcome").GetString(), Is.EqualTo("Succeeded"));
            Assert.That(item.GetProperty("purged").GetBoolean(), Is.False);
            Assert.That(item.GetProperty("payloadHash").GetString(), Does.Match("^[0-9a-f]{64}$"));
            Assert.That(item.GetProperty("rowHash").GetString(), Does.Match("^[0-9a-f]{64}$"));
        });
    }

    [Test]
    public async Task Query_KeysetPages_CoverEveryEventOnceInOrder_EvenWithEqualTimes()
    {
        // 23 events over 8 distinct instants: pages must break ties by seq, never repeat or skip.
        var sent = Enumerable.Range(0, 23).Select(i => PiEvents.Event(at: PiEvents.Now.AddMinutes(-(i % 8) - 1), customer: "CIF-P")).ToList();
        await _system.SendAllAsync(sent);
        var seen = new List<(DateTimeOffset At, long Seq, Guid Id)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"{Events}?customerReference=CIF-P&limit=5" + (cursor is null ? "" : "&cursor=" + cursor);
            var page = await _officer.GetJsonAsync(url);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.That(items, Has.Count.LessThanOrEqualTo(5));
            seen.AddRange(items.Select(i => (i.GetProperty("occurredAt").GetDateTimeOffset(), i.GetProperty("seq").GetInt64(), i.GetProperty("eventId").GetGuid())));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(5));
            Assert.That(seen.Select(s => s.Id), Is.EquivalentTo(sent.Select(e => (Guid)e["eventId"]!)), "every event exactly once");
            Assert.That(seen, Is.EqualTo(seen.OrderByDescending(s => s.At).ThenByDescending(s => s.Seq).ToList()), "newest first, then by seq");
        });
    }

    [Test]
    public async Task Query_ExactlyOneFullPage_HasNoNextCursor()
    {
        await _system.SendAllAsync(Enumerable.Range(0, 3).Select(_ => PiEvents.Event(customer: "CIF-Q")).ToList());
        var page = await _officer.GetJsonAsync($"{Events}?customerReference=CIF-Q&limit=3");
        Assert.That(page.EventIds(), Has.Count.EqualTo(3));
        Assert.That(page.GetProperty("nextCursor").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public async Task Query_TimeRange_FromInclusive_ToExclusive()
    {
        var t = PiEvents.Now.AddHours(-2);
        var before = PiEvents.Event(at: t.AddTicks(-10), customer: "CIF-T");
        var at = PiEvents.Event(at: t, customer: "CIF-T");
        var later = PiEvents.Event(at: t.AddMinutes(1), customer: "CIF-T");
        await _system.SendAllAsync([before, at, later]);
        Guid Id(Dictionary<string, object?> e) => (Guid)e["eventId"]!;

        var fromT = await _officer.GetJsonAsync($"{Events}?customerReference=CIF-T&from={PiQueries.Q(t)}");
        var toT = await _officer.GetJsonAsync($"{Events}?customerReference=CIF-T&to={PiQueries.Q(t)}");
        var offset = Uri.EscapeDataString(t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture));
        var exact = await _officer.GetJsonAsync($"{Events}?from={offset}&to={PiQueries.Q(t.AddTicks(1))}");
        var empty = await _officer.GetJsonAsync($"{Events}?from={PiQueries.Q(t)}&to={PiQueries.Q(t)}");

        Assert.Multiple(() =>
        {
            Assert.That(fromT.EventIds(), Is.EqualTo(new[] { Id(later), Id(at) }));
            Assert.That(toT.EventIds(), Is.EqualTo(new[] { Id(before) }));
            Assert.That(exact.EventIds(), Is.EqualTo(new[] { Id(at) }), "a +08:00 instant means the same moment");
            Assert.That(empty.EventIds(), Is.Empty);
        });
    }

    [TestCase("cursor=not-a-cursor&customerReference=C", "cursor")]
    [TestCase("cursor=AQAAAAAAAAAAAAAAAAAAAAAA&customerReference=C", "cursor")]
    [TestCase("customerReference=C&from=2026-11-26T10:00:00Z&to=2026-11-25T10:00:00Z", "to")]
    [TestCase("customerReference=C&from=2026-11-26T10:00:00", "from")]
    [TestCase("customerReference=C&to=yesterday", "to")]
    [TestCase("customerReference=C&purpose=Gossip", "purpose")]
    [TestCase("customerReference=C&purpose=0", "purpose")]
    [TestCase("customerReference=C&action=Peek", "action")]
    [TestCase("customerReference=C&minTier=C4", "minTier")]
    [TestCase("customerReference=C&limit=0", "limit")]
    [TestCase("customerReference=C&limit=501", "limit")]
    [TestCase("customerReference=C&limit=ten", "limit")]
    [TestCase("sourceSystem=crm", "from")]
    [TestCase("purpose=RiskControl&from=2026-11-01T00:00:00Z", "to")]
    [TestCase("from=2026-10-01T00:00:00Z&to=2026-11-02T00:00:01Z", "to")]
    public async Task Query_BadInput_Is400NamingTheField_AndIsNotAudited(string query, string field)
    {
        var audited = _api.AuditCount();
        await HttpAssert.FieldError(await _officer.GetAsync($"{Events}?{query}"), field);
        Assert.That(_api.AuditCount(), Is.EqualTo(audited), "a refused query read nothing and is not audited");
    }

    [Test]
    public async Task Query_WindowOf31Days_IsAccepted()
    {
        using var response = await _officer.GetAsync($"{Events}?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase(Role.Teller)]
    [TestCase(Role.SystemClient)]
    [TestCase(Role.ComplaintHandler)]
    public async Task Reads_OtherRoles_Are403_AndNotAudited(Role role)
    {
        using var client = await _api.ReaderAsync(role);
        var audited = _api.AuditCount();
        foreach (var url in new[] { $"{Events}?customerReference=C", $"{Events}/export?customerReference=C", "/api/v1/pi-access/subjects/C/report" })
        {
            await HttpAssert.Problem(await client.GetAsync(url), 403);
        }

        Assert.That(_api.AuditCount(), Is.EqualTo(audited));
    }

    [TestCase(Role.PrivacyOfficer)]
    [TestCase(Role.Auditor)]
    [TestCase(Role.Admin)]
    public async Task Reads_ReaderRoles_AreAllowed_AndEachReadIsAudited(Role role)
    {
        await _system.SendAllAsync([PiEvents.Event(customer: "CIF-R"), PiEvents.Event(customer: "CIF-R"), PiEvents.Event(customer: "CIF-S")]);
        using var client = await _api.ReaderAsync(role);

        var page = await client.GetJsonAsync($"{Events}?customerReference=CIF-R&limit=1");
        (await client.GetAsync($"{Events}/export?customerReference=CIF-R")).EnsureSuccessStatusCode();
        (await client.GetAsync("/api/v1/pi-access/subjects/CIF-R/report")).EnsureSuccessStatusCode();

        var queried = (await _api.AuditAsync("pi-access.events-queried")).Single();
        var exported = (await _api.AuditAsync("pi-access.events-exported")).Single();
        var report = (await _api.AuditAsync("pi-access.subject-report")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(page.EventIds(), Has.Count.EqualTo(1));
            foreach (var a in new[] { queried, exported, report })
            {
                Assert.That(a.GetProperty("entityType").GetString(), Is.EqualTo("pi-access-query"));
                Assert.That(a.GetProperty("entityId").GetString(), Is.EqualTo("customerReference=CIF-R"));
                Assert.That(a.GetProperty("actorRoles").EnumerateArray().Select(r => r.GetString()), Does.Contain(role.ToString()));
                Assert.That(a.GetProperty("after").GetProperty("filters").GetProperty("customerReference").GetString(), Is.EqualTo("CIF-R"));
            }

            Assert.That(queried.GetProperty("after").GetProperty("rows").GetInt32(), Is.EqualTo(1));
            Assert.That(exported.GetProperty("after").GetProperty("rows").GetInt32(), Is.EqualTo(2));
            Assert.That(report.GetProperty("after").GetProperty("rows").GetInt32(), Is.EqualTo(2));
        });
    }
}
