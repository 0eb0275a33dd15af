using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
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

    private sealed class Capture(ConcurrentBag<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Add(data);
    }
}
