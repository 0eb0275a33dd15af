using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ConsumerProtection.Shared.Security;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace ConsumerProtection.Host.Tests.Operations;

/// <summary>
/// Issue 13 §1: request spans carry route templates, never a customer reference or personal data; /metrics serves the
/// product's figures behind its own token. One host for the class.
/// </summary>
[NonParallelizable]
public sealed class TelemetryTests
{
    private const string Token = "scrape-0123456789abcdef0123456789abcdef";
    private const string Customer = "CIF-SECRET-778899";
    private readonly ConcurrentBag<Activity> _spans = [];
    private ApiFactory _api = null!;

    [OneTimeSetUp]
    public async Task DriveTraffic()
    {
        _api = new ApiFactory(new()
        {
            ["Telemetry:Prometheus:Enabled"] = "true",
            ["Telemetry:Prometheus:ScrapeToken"] = Token,
            // The jobs run once at start-up, so their runs and leases show; the deadline job is run again below.
            ["BackgroundJobs:Enabled"] = "true",
        }, services: s => s.ConfigureOpenTelemetryTracerProvider(b => b.AddProcessor(new Capture(_spans))));
        var (systemKey, _) = await _api.CreateKeyAsync([Role.SystemClient], name: "core-banking");
        var (readerKey, _) = await _api.CreateKeyAsync([Role.PrivacyOfficer], name: "privacy");
        using var system = _api.WithKey(systemKey);
        using var reader = _api.WithKey(readerKey);
        using var admin = _api.Admin();
        (await system.PostAsJsonAsync("/api/v1/pi-access/events", Cli.AccessEvent(Customer))).EnsureSuccessStatusCode();
        var now = DateTimeOffset.UtcNow;
        string Q(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        (await reader.GetAsync($"/api/v1/pi-access/events?customerReference={Customer}&from={Q(now.AddDays(-1))}&to={Q(now.AddDays(1))}")).EnsureSuccessStatusCode();
        (await reader.GetAsync($"/api/v1/pi-access/subjects/{Customer}/report")).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/complaints", Cli.Complaint())).EnsureSuccessStatusCode();
        // The assignee must be a real caller with a complaint-handling role (checked at assignment).
        var handler = "key:" + (await _api.CreateKeyAsync([Role.ComplaintHandler], department: "retail", name: "handler")).Id;
        await CloseAComplaintAsync(admin, handler);

        // A complaint received 60 days ago is overdue on both clocks: the deadline job raises its alerts.
        var late = Cli.Complaint();
        late["receivedAt"] = DateTimeOffset.UtcNow.AddDays(-60);
        (await admin.PostAsJsonAsync("/api/v1/complaints", late)).EnsureSuccessStatusCode();
        var deadlines = _api.Services.GetServices<IHostedService>().OfType<PeriodicJob>().Single(j => j.JobName == "complaints-deadlines");
        while (!await deadlines.RunOnceNowAsync(CancellationToken.None))
        {
            await Task.Delay(50); // the start-up run still holds the lease
        }

        (await admin.PostAsync("/api/v1/audit/complaints/verify", null)).EnsureSuccessStatusCode();
    }

    private static async Task CloseAComplaintAsync(HttpClient admin, string handlerId)
    {
        var filed = await admin.PostAsJsonAsync("/api/v1/complaints", Cli.Complaint());
        filed.EnsureSuccessStatusCode();
        var id = (await filed.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var etag = filed.Headers.ETag!.Tag;
        (string Action, object Body)[] steps =
        [
            ("assign", new { departmentId = "retail", handlerId }),
            ("start", new { }),
            ("respond", new { outcome = "ClosedWithExplanation", responseText = "Explained the annual fee." }),
            ("follow-up", new { satisfied = true }),
            ("close", new { rootCause = "fee notice", remediation = "notice sent", accountability = "branch", upheld = "No" }),
        ];
        foreach (var (action, body) in steps)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/complaints/{id}/{action}") { Content = JsonContent.Create(body) };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
            var response = await admin.SendAsync(request);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{action}: {await response.Content.ReadAsStringAsync()}");
            etag = response.Headers.ETag!.Tag;
        }
    }

    [OneTimeTearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public void Spans_NameRouteTemplatesAndHoldNoCustomerReferenceOrPersonalData()
    {
        var spans = _spans.ToList();
        Assert.That(spans.Select(s => s.GetTagItem("http.route") as string), Does.Contain("/api/v1/pi-access/subjects/{customerReference}/report"));
        var leaks = spans.SelectMany(s => s.TagObjects.Select(t => $"{s.DisplayName} {t.Key}={t.Value}").Append(s.DisplayName))
            .Where(text => text.Contains(Customer, StringComparison.Ordinal) || text.Contains("王芳", StringComparison.Ordinal) || text.Contains("138 0000", StringComparison.Ordinal))
            .ToList();
        Assert.That(leaks, Is.Empty);
    }

    [Test]
    public void IntakeTrace_ShowsTheRequestTheTransactionAndTheAuditWrite()
    {
        var spans = _spans.ToList();
        var request = spans.FirstOrDefault(s => s.Kind == ActivityKind.Server && s.GetTagItem("http.request.method") as string == "POST"
            && (s.GetTagItem("http.route") as string)?.TrimEnd('/') == "/api/v1/complaints");
        Assert.That(request, Is.Not.Null, string.Join(" | ", spans.Select(s => $"{s.DisplayName} [{s.GetTagItem("http.route")}]")));
        var inTrace = spans.Where(s => s.TraceId == request!.TraceId).Select(s => s.DisplayName).ToList();
        Assert.That(inTrace, Does.Contain("db.transaction complaints").And.Contain("audit.append complaints"));
    }

    [Test]
    public async Task Metrics_NeedTheirOwnTokenAndExposeTheFiguresWithoutCustomerData()
    {
        using var client = _api.CreateClient();
        Assert.That((int)(await client.GetAsync("/metrics")).StatusCode, Is.EqualTo(401));
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token + "x") } };
        await HttpAssert.Problem(await client.SendAsync(wrong), 401);

        using var right = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        var response = await client.SendAsync(right);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        Assert.That(text, Does.Contain("http_server_request_duration_seconds").And.Contain("cp_piaccess_events_appended").And.Contain("cp_complaints_filed")
            .And.Contain("cp_piaccess_group_commit_size").And.Contain("cp_piaccess_group_commit_wait"));
        Assert.That(text, Does.Contain("http_route=\"/api/v1/pi-access/subjects/{customerReference}/report\""));
        Assert.That(text, Does.Not.Contain(Customer).And.Not.Contain("王芳"));
    }

    [TestCase("cp_complaints_closed_total{", "cp_intake_channel=\"Counter\"")]
    [TestCase("cp_complaints_deadline_alerts_raised_total{", "cp_deadline_state=\"Overdue\"")]
    [TestCase("cp_chain_verify_runs_total{", "cp_chain=\"complaints.audit_log\"")]
    [TestCase("cp_sqlite_wal_size_bytes{", "db_namespace=\"complaints\"")]
    [TestCase("cp_outbox_depth{", "cp_outbox=\"complaints.regulator_outbox\"")]
    [TestCase("cp_outbox_age_seconds{", "cp_outbox=\"complaints.regulator_outbox\"")]
    [TestCase("cp_jobs_runs_total{", "cp_job=\"complaints-deadlines\"")]
    [TestCase("cp_jobs_lease_held{", "cp_job=\"complaints-deadlines\"")]
    public async Task Metrics_ExposeTheOperationalFigures(string series, string label)
    {
        var lines = (await ScrapeAsync()).Split('\n').Where(l => l.StartsWith(series, StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Some.Contains(label), $"no {series} sample with {label}");
    }

    [Test]
    public async Task Metrics_CountWhatHappened()
    {
        var text = await ScrapeAsync();
        double Sample(string series, string label) => text.Split('\n')
            .Where(l => l.StartsWith(series, StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture)).Sum();
        Assert.Multiple(() =>
        {
            // Other hosts of this test run share the process-wide counters, so at least what this class did.
            Assert.That(Sample("cp_complaints_closed_total{", "Counter"), Is.GreaterThanOrEqualTo(1));
            Assert.That(Sample("cp_complaints_deadline_alerts_raised_total{", "cp_deadline_state=\"Overdue\""), Is.GreaterThanOrEqualTo(2), "both clocks");
            Assert.That(Sample("cp_jobs_runs_total{", "cp_job_outcome=\"ok\""), Is.GreaterThanOrEqualTo(1));
            Assert.That(Sample("cp_outbox_depth{", "complaints.regulator_outbox"), Is.Zero, "nothing transferred, nothing queued");
            Assert.That(Sample("cp_sqlite_wal_size_bytes{", "db_namespace=\"complaints\""), Is.GreaterThan(0), "the complaints file has a WAL");
        });
    }

    private async Task<string> ScrapeAsync()
    {
        using var client = _api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        Assert.That(text, Does.Not.Contain(Customer).And.Not.Contain("王芳").And.Not.Contain("138 0000").And.Not.Contain("h-1\""));
        return text;
    }

    private sealed class Capture(ConcurrentBag<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Add(data);
    }
}
