using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Intake;

// Intake shares commits among concurrent filings (ADR 0007); every guarantee of a lone intake must hold per complaint.
public sealed class IntakeGroupCommitTests
{
    // Tuesday 2026-04-14 11:00 in Shanghai.
    private static readonly DateTimeOffset Now = new(2026, 4, 14, 11, 0, 0, TimeSpan.FromHours(8));
    private ApiFactory _factory = null!;
    private HttpClient _supervisor = null!;
    private string _supervisorId = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory(time: new FakeTimeProvider(Now));
        (_supervisor, _supervisorId) = await ComplaintsApi.ClientAsync(_factory, [Role.ComplaintSupervisor]);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _supervisor.Dispose();
        _factory.Dispose();
    }

    private static Dictionary<string, object?> Body(DateTimeOffset receivedAt, int consumer, string product, Action<Dictionary<string, object?>>? change = null) =>
        ComplaintsApi.Body(receivedAt, b =>
        {
            b["productCode"] = product;
            b["consumer"] = new Dictionary<string, object?> { ["name"] = "李雷", ["phone"] = $"+86 139 {consumer:D8}" };
            change?.Invoke(b);
        });

    private async Task<(HttpStatusCode Status, JsonElement Body)[]> FileConcurrentlyAsync(IEnumerable<Dictionary<string, object?>> bodies) =>
        await Task.WhenAll(bodies.Select(async body =>
        {
            using var response = await _supervisor.PostAsJsonAsync("/api/v1/complaints", body);
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
        }));

    private async Task<List<T>> ListAsync<T>(string sql, object? args = null)
    {
        using var db = _factory.OpenFile("complaints");
        return (await db.QueryAsync<T>(sql, args)).ToList();
    }

    [Test]
    public async Task File_ManyConcurrent_AllStoredWithGapFreeReferencesAndOneAuditRowEach()
    {
        var day = Now.AddDays(-1);
        var answers = await FileConcurrentlyAsync(Enumerable.Range(1, 64).Select(i => Body(day, 10_000 + i, "CONC-A")));

        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.Created));
        var ids = answers.Select(a => a.Body.GetProperty("id").GetString()!).ToList();
        var references = answers.Select(a => a.Body.GetProperty("reference").GetString()!).Order().ToList();
        Assert.That(references, Is.EqualTo(Enumerable.Range(1, 64).Select(n => $"CP-20260413-{n:D6}")), "unique and gap-free for the day");

        var stored = await ListAsync<string>("SELECT id FROM complaint WHERE product_code = 'CONC-A'");
        Assert.That(stored, Is.EquivalentTo(ids));
        var audit = await ListAsync<(string EntityId, string ActorId, string? CorrelationId)>(
            "SELECT entity_id, actor_id, correlation_id FROM audit_log WHERE action = 'complaint.received' AND entity_id IN @ids", new { ids });
        Assert.Multiple(() =>
        {
            Assert.That(audit.Select(a => a.EntityId), Is.EquivalentTo(ids), "one audit row per complaint");
            Assert.That(audit.Select(a => a.ActorId), Is.All.EqualTo(_supervisorId), "the filing caller, not the commit loop");
            Assert.That(audit.Select(a => a.CorrelationId), Is.All.Not.Null, "each request's correlation id");
            Assert.That(audit.Select(a => a.CorrelationId), Is.Unique, "each request's own correlation id");
        });
    }

    [Test]
    public async Task File_DuplicateRegulatorCaseAmongConcurrentIntakes_OnlyThatOneFailsWith409()
    {
        var day = Now.AddDays(-2);
        var bodies = Enumerable.Range(1, 20)
            .Select(i => Body(day, 20_000 + i, "CONC-B", i is 5 or 15 ? b => { b["intakeChannel"] = "RegulatorTransfer"; b["regulatorCaseId"] = "12378-2026-777777"; } : null))
            .ToList();

        var answers = await FileConcurrentlyAsync(bodies);

        Assert.That(answers.Count(a => a.Status == HttpStatusCode.Conflict), Is.EqualTo(1));
        Assert.That(answers.Count(a => a.Status == HttpStatusCode.Created), Is.EqualTo(19));
        var references = await ListAsync<string>("SELECT reference FROM complaint WHERE product_code = 'CONC-B' ORDER BY reference");
        Assert.That(references, Is.EqualTo(Enumerable.Range(1, 19).Select(n => $"CP-20260412-{n:D6}")), "the failed one took no number");
        Assert.That(await ListAsync<long>(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'complaint.received' AND entity_id IN (SELECT id FROM complaint WHERE product_code = 'CONC-B')"),
            Is.EqualTo(new[] { 19L }));
    }

    [Test]
    public async Task File_ConcurrentBurstsWithIncidents_AuditChainVerifies_AndVolumeIncidentOpensOnce()
    {
        // Batches carry the audit chain head in memory (IAuditWriter.ForOneTransaction); incidents append their own
        // audit rows in the same batches. The chain must still verify row by row, and the volume rule (threshold 10)
        // open exactly one incident for the burst, counted at the complaint that reached the threshold.
        var day = Now.AddDays(-3);
        var bodies = Enumerable.Range(1, 30)
            .Select(i => Body(day.AddMinutes(i), 40_000 + i, "CONC-D", i % 7 == 0 ? b => b["groupComplaint"] = true : null))
            .ToList();

        var answers = await FileConcurrentlyAsync(bodies);

        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.Created));
        using var admin = _factory.Admin();
        var verify = await (await admin.PostAsync("/api/v1/audit/complaints/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        var incidents = await ListAsync<(string Kind, long Count)>(
            "SELECT kind, complaint_count FROM incident WHERE product_code = 'CONC-D' ORDER BY kind");
        var seqs = await ListAsync<long>("SELECT seq FROM audit_log ORDER BY seq");
        Assert.Multiple(() =>
        {
            Assert.That(verify.GetProperty("ok").GetBoolean(), Is.True, verify.ToString());
            Assert.That(seqs, Is.EqualTo(Enumerable.Range(1, seqs.Count).Select(n => (long)n)), "gap-free sequence");
            Assert.That(incidents.Count(i => i.Kind == "GroupComplaint"), Is.EqualTo(4), "flags open at once, one each");
            Assert.That(incidents.Where(i => i.Kind == "ProductVolume").Select(i => i.Count), Is.EqualTo(new[] { 10L }));
        });
        Assert.That(await ListAsync<long>(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'incident.opened' AND entity_id IN (SELECT id FROM incident WHERE product_code = 'CONC-D')"),
            Is.EqualTo(new[] { 5L }), "one audit row per incident");
    }

    [Test]
    public async Task File_SameConsumerTwiceConcurrently_ExactlyOneIsLinkedToTheOther()
    {
        var answers = await FileConcurrentlyAsync([Body(Now, 30_001, "CONC-C"), Body(Now, 30_001, "CONC-C")]);

        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.Created));
        var ids = answers.Select(a => a.Body.GetProperty("id").GetString()).ToList();
        var links = answers.Select(a => a.Body.TryGetProperty("repeatOfId", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null).ToList();
        Assert.That(links.Count(l => l is not null), Is.EqualTo(1));
        Assert.That(links[0] ?? links[1], Is.EqualTo(links[0] is null ? ids[0] : ids[1]));
    }
}
