using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Queries;

public sealed class SubjectReportTests
{
    private ApiFactory _api = null!;
    private HttpClient _system = null!;
    private HttpClient _officer = null!;

    [SetUp]
    public async Task SetUp()
    {
        _api = new ApiFactory(time: new FakeTimeProvider(PiEvents.Now));
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

    private static List<Dictionary<string, object?>> Sent()
    {
        var rnd = new Random(7);
        string[] purposes = ["AccountServicing", "ComplaintHandling", "CreditReview"];
        string[] systems = ["core-banking", "crm"];
        string?[] branches = ["BR-001", "BR-002", null];
        string[] actions = ["View", "Print"];
        (string, string)[][] cats = [[("phone", "C2")], [("password", "C3"), ("phone", "C2")], [("risk-rating", "C1")]];
        var list = new List<Dictionary<string, object?>>();
        for (var i = 0; i < 40; i++)
        {
            var e = PiEvents.Event(at: PiEvents.Now.AddHours(-rnd.Next(1, 24 * 20)), customer: i % 4 == 0 ? "CIF-OTHER" : "CIF-SUBJ",
                purpose: purposes[rnd.Next(3)], system: systems[rnd.Next(2)], categories: cats[rnd.Next(3)]);
            e["staffBranch"] = branches[rnd.Next(3)];
            e["staffDepartment"] = i % 3 == 0 ? "cards" : "retail";
            e["action"] = actions[rnd.Next(2)];
            list.Add(e);
        }

        return list;
    }

    private static Dictionary<string, long> Tallies(JsonElement report, string name) =>
        report.GetProperty(name).EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString() ?? "(none)", t => t.GetProperty("count").GetInt64());

    private static Dictionary<string, long> Expected(IEnumerable<Dictionary<string, object?>> events, Func<Dictionary<string, object?>, string?> key) =>
        events.GroupBy(e => key(e) ?? "(none)").ToDictionary(g => g.Key, g => (long)g.Count());

    private static IEnumerable<(string Name, string Tier)> Categories(Dictionary<string, object?> e) =>
        ((List<Dictionary<string, object?>>)e["categories"]!).Select(c => ((string)c["name"]!, (string)c["tier"]!));

    [Test]
    public async Task Report_FiguresMatchTheEventsSentInThePeriod()
    {
        var sent = Sent();
        await _system.SendAllAsync(sent);
        var from = PiEvents.Now.AddDays(-15);
        var to = PiEvents.Now.AddDays(-2);
        var mine = sent.Where(e => (string)e["customerReference"]! == "CIF-SUBJ")
            .Where(e => (DateTimeOffset)e["occurredAt"]! >= from && (DateTimeOffset)e["occurredAt"]! < to).ToList();
        Assert.That(mine, Has.Count.GreaterThan(10));

        var r = await _officer.GetJsonAsync($"/api/v1/pi-access/subjects/CIF-SUBJ/report?from={PiQueries.Q(from)}&to={PiQueries.Q(to)}");

        var tier = (Dictionary<string, object?> e) => "C" + Categories(e).Max(c => c.Tier[1] - '0');
        Assert.Multiple(() =>
        {
            Assert.That(r.GetProperty("customerReference").GetString(), Is.EqualTo("CIF-SUBJ"));
            Assert.That(r.GetProperty("totalAccesses").GetInt64(), Is.EqualTo(mine.Count));
            Assert.That(r.GetProperty("firstAccessAt").GetDateTimeOffset(), Is.EqualTo(mine.Min(e => (DateTimeOffset)e["occurredAt"]!)));
            Assert.That(r.GetProperty("lastAccessAt").GetDateTimeOffset(), Is.EqualTo(mine.Max(e => (DateTimeOffset)e["occurredAt"]!)));
            Assert.That(Tallies(r, "byPurpose"), Is.EquivalentTo(Expected(mine, e => (string?)e["purpose"])));
            Assert.That(Tallies(r, "bySourceSystem"), Is.EquivalentTo(Expected(mine, e => (string?)e["sourceSystem"])));
            Assert.That(Tallies(r, "byStaffBranch"), Is.EquivalentTo(Expected(mine, e => (string?)e["staffBranch"])));
            Assert.That(Tallies(r, "byStaffDepartment"), Is.EquivalentTo(Expected(mine, e => (string?)e["staffDepartment"])));
            Assert.That(Tallies(r, "byAction"), Is.EquivalentTo(Expected(mine, e => (string?)e["action"])));
            Assert.That(Tallies(r, "byOutcome"), Is.EquivalentTo(Expected(mine, e => (string?)e["outcome"])));
            Assert.That(Tallies(r, "byTier"), Is.EquivalentTo(Expected(mine, tier)));
            Assert.That(r.GetProperty("byCategory").EnumerateArray().ToDictionary(
                    c => c.GetProperty("name").GetString() + ":" + c.GetProperty("tier").GetString(), c => c.GetProperty("count").GetInt64()),
                Is.EquivalentTo(mine.SelectMany(Categories).GroupBy(c => c.Name + ":" + c.Tier).ToDictionary(g => g.Key, g => (long)g.Count())));
            Assert.That(r.GetProperty("truncated").GetBoolean(), Is.False);
            Assert.That(r.GetProperty("entries").EnumerateArray().Select(i => i.GetProperty("eventId").GetGuid()),
                Is.EqualTo(mine.Select((e, i) => (e, i)).OrderByDescending(x => (DateTimeOffset)x.e["occurredAt"]!).ThenByDescending(x => x.i)
                    .Select(x => (Guid)x.e["eventId"]!)), "newest first; equal times by seq, which follows the send order");
        });
    }

    [Test]
    public async Task Report_AsCsv_HasTheSummaryThenTheEntries()
    {
        var sent = Sent();
        await _system.SendAllAsync(sent);
        var mine = sent.Where(e => (string)e["customerReference"]! == "CIF-SUBJ").ToList();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/pi-access/subjects/CIF-SUBJ/report");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        using var response = await _officer.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n");

        var blank = Array.IndexOf(lines, "");
        Assert.Multiple(async () =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
            Assert.That(lines[0], Is.EqualTo("measure,value,count"));
            Assert.That(lines, Does.Contain($"totalAccesses,,{mine.Count}"));
            Assert.That(lines, Does.Contain("customerReference,CIF-SUBJ,"));
            Assert.That(lines[blank + 1], Does.StartWith("seq,eventId,"));
            Assert.That(lines.Skip(blank + 2).Count(l => l.Length > 0), Is.EqualTo(mine.Count));
            var audit = (await _api.AuditAsync("pi-access.subject-report")).Single();
            Assert.That(audit.GetProperty("after").GetProperty("format").GetString(), Is.EqualTo("csv"));
        });
    }

    [Test]
    public async Task Report_MoreThan1000Entries_ListsTheNewest1000AndSaysTruncated_FiguresCoverAll()
    {
        var sent = Enumerable.Range(0, 1001).Select(i => PiEvents.Event(at: PiEvents.Now.AddSeconds(-i - 1), customer: "CIF-BUSY")).ToList();
        await _system.SendAllAsync(sent);

        var r = await _officer.GetJsonAsync("/api/v1/pi-access/subjects/CIF-BUSY/report");

        Assert.Multiple(() =>
        {
            Assert.That(r.GetProperty("totalAccesses").GetInt64(), Is.EqualTo(1001));
            Assert.That(r.GetProperty("truncated").GetBoolean(), Is.True);
            Assert.That(r.GetProperty("entries").GetArrayLength(), Is.EqualTo(1000));
            Assert.That(r.GetProperty("entries")[0].GetProperty("eventId").GetGuid(), Is.EqualTo((Guid)sent[0]["eventId"]!));
            Assert.That(r.GetProperty("firstAccessAt").GetDateTimeOffset(), Is.EqualTo((DateTimeOffset)sent[^1]["occurredAt"]!));
        });
    }

    [Test]
    public async Task Report_UnknownCustomer_IsAnEmptyReport_AndBadRange_Is400()
    {
        var r = await _officer.GetJsonAsync("/api/v1/pi-access/subjects/CIF-NOBODY/report");
        Assert.That(r.GetProperty("totalAccesses").GetInt64(), Is.Zero);
        Assert.That(r.GetProperty("firstAccessAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
        await HttpAssert.FieldError(await _officer.GetAsync("/api/v1/pi-access/subjects/C/report?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z"), "to");
        await HttpAssert.FieldError(await _officer.GetAsync($"/api/v1/pi-access/subjects/{new string('x', 101)}/report"), "customerReference");
    }

    [Test]
    public async Task Report_BlankCustomer_Is400AndReadsNothing()
    {
        await _system.PostEventAsync(PiEvents.Event());
        await HttpAssert.FieldError(await _officer.GetAsync("/api/v1/pi-access/subjects/%20/report"), "customerReference");
        Assert.That(await _api.AuditAsync("pi-access.subject-report"), Is.Empty, "a refused report is not a read");
    }
}
