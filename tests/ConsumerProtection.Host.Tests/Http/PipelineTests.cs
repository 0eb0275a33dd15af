using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Host.Tests.Http;

public sealed class PipelineTests
{
    [Test]
    public async Task RateLimit_Exceeded_Answers429WithRetryAfter()
    {
        using var factory = new ApiFactory(new() { ["RateLimiting:PermitsPerSecond"] = "1", ["RateLimiting:Burst"] = "3" });
        using var client = factory.Admin();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await client.GetAsync("/api/v1/me");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.That(limited, Is.Not.Null, string.Join(",", statuses));
        await HttpAssert.Problem(limited!, 429);
        Assert.That(limited!.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThanOrEqualTo(1));

        // Health stays reachable for the load balancer however busy a caller is.
        using var health = await client.GetAsync("/health/live");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task CorrelationId_IsEchoed_AndRecordedInAudit()
    {
        using var factory = new ApiFactory();
        using var client = factory.Admin();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/api-keys")
        {
            Content = JsonContent.Create(new { name = "corr", roles = new[] { "Auditor" } }),
        };
        request.Headers.Add("X-Correlation-Id", "case-4711.a");
        using var response = await client.SendAsync(request);
        Assert.That(response.Headers.GetValues("X-Correlation-Id").Single(), Is.EqualTo("case-4711.a"));

        var audit = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit/kernel/records?action=api-key.created");
        var last = audit.GetProperty("items").EnumerateArray().Last();
        Assert.That(last.GetProperty("correlationId").GetString(), Is.EqualTo("case-4711.a"));
    }

    [TestCase(null)]
    [TestCase("bad id with spaces")]
    public async Task CorrelationId_MissingOrInvalid_IsGenerated(string? supplied)
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        if (supplied is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Correlation-Id", supplied);
        }

        using var response = await client.SendAsync(request);
        var id = response.Headers.GetValues("X-Correlation-Id").Single();
        Assert.That(id, Has.Length.InRange(1, 64));
        Assert.That(id, Is.Not.EqualTo(supplied));
    }

    [Test]
    public async Task Ready_ReportsDatabasesAndMigrations()
    {
        // Mid-year: the calendar for the next year is not due yet, so no operational alert makes readiness Degraded.
        using var factory = new ApiFactory(time: new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8))));
        using var client = factory.CreateClient();
        var body = await client.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(body.GetProperty("checks").GetProperty("databases").GetProperty("description").GetString(), Does.Contain("migrated"));
    }

    [Test]
    public async Task Ready_WithAMissingTable_IsUnhealthy()
    {
        using var factory = new ApiFactory();
        using (var client = factory.CreateClient())
        {
            Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var file = factory.OpenFile("kernel"))
        using (var cmd = file.CreateCommand())
        {
            cmd.CommandText = "DROP TABLE audit_log";
            cmd.ExecuteNonQuery();
        }

        using var again = factory.CreateClient();
        using var response = await again.GetAsync("/health/ready");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }
}
