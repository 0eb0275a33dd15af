using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Host.Tests.Http;

/// <summary>Creating POSTs honour Idempotency-Key: a retry returns the first result and nothing is created twice.</summary>
public sealed class IdempotencyTests
{
    private ApiFactory _factory = null!;
    private Guid _keyId;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory();
        (_, _keyId) = await _factory.CreateKeyAsync([Role.Teller], "B1", name: "held-key");
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private static HttpRequestMessage PlaceHold(string idempotencyKey, string recordId, string reason)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/retention/holds")
        {
            Content = JsonContent.Create(new { recordType = "api-key", recordId, reason }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private async Task<int> HoldCountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/retention/holds?recordType=api-key&recordId={_keyId}")).GetArrayLength();

    private async Task<long> AuditCountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/audit/kernel/records?action=legal-hold.placed&pageSize=1")).GetProperty("total").GetInt64();

    [Test]
    public async Task Retry_SameKeySameBody_ReturnsFirstResponse_CreatesOnce()
    {
        using var admin = _factory.Admin();
        var key = Guid.NewGuid().ToString();
        var holdsBefore = await HoldCountAsync(admin);
        var auditBefore = await AuditCountAsync(admin);
        using var first = await admin.SendAsync(PlaceHold(key, _keyId.ToString(), "litigation 2026-17"));
        using var second = await admin.SendAsync(PlaceHold(key, _keyId.ToString(), "litigation 2026-17"));
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(second.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
            Assert.That(second.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(await HoldCountAsync(admin), Is.EqualTo(holdsBefore + 1));
        });
        Assert.That(await AuditCountAsync(admin), Is.EqualTo(auditBefore + 1));

        var hold = await first.Content.ReadFromJsonAsync<JsonElement>();
        using var lift = await admin.PostAsJsonAsync($"/api/v1/retention/holds/{hold.GetProperty("id").GetGuid()}/lift", new { reason = "settled" });
        Assert.That(lift.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Retry_SameKeyOtherBody_Answers422()
    {
        using var admin = _factory.Admin();
        var key = Guid.NewGuid().ToString();
        using var first = await admin.SendAsync(PlaceHold(key, _keyId.ToString(), "reason A"));
        var holds = await HoldCountAsync(admin);
        using var second = await admin.SendAsync(PlaceHold(key, _keyId.ToString(), "reason B"));
        await HttpAssert.Problem(second, 422);
        Assert.That(await HoldCountAsync(admin), Is.EqualTo(holds));

        var hold = await first.Content.ReadFromJsonAsync<JsonElement>();
        await admin.PostAsJsonAsync($"/api/v1/retention/holds/{hold.GetProperty("id").GetGuid()}/lift", new { reason = "done" });
    }

    [Test]
    public async Task FailedFirstAttempt_ReleasesKey_SoTheCorrectedRetryRuns()
    {
        using var admin = _factory.Admin();
        var key = Guid.NewGuid().ToString();
        using var bad = await admin.SendAsync(PlaceHold(key, _keyId.ToString(), ""));
        await HttpAssert.FieldError(bad, "reason");
        using var good = await admin.SendAsync(PlaceHold(key, _keyId.ToString(), "fixed reason"));
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(good.Headers.Contains("Idempotent-Replayed"), Is.False);

        var hold = await good.Content.ReadFromJsonAsync<JsonElement>();
        await admin.PostAsJsonAsync($"/api/v1/retention/holds/{hold.GetProperty("id").GetGuid()}/lift", new { reason = "done" });
    }

    [Test]
    public async Task SameKey_OtherCaller_IsIndependent()
    {
        var (auditorKey, _) = await _factory.CreateKeyAsync([Role.Auditor]);
        using var admin = _factory.Admin();
        using var auditor = _factory.WithKey(auditorKey);
        var key = Guid.NewGuid().ToString();
        using var first = await admin.SendAsync(PlaceHold(key, _keyId.ToString(), "same"));
        var hold = await first.Content.ReadFromJsonAsync<JsonElement>();
        await admin.PostAsJsonAsync($"/api/v1/retention/holds/{hold.GetProperty("id").GetGuid()}/lift", new { reason = "done" });
        using var second = await auditor.SendAsync(PlaceHold(key, _keyId.ToString(), "same"));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(second.Headers.Contains("Idempotent-Replayed"), Is.False);
        var other = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(other.GetProperty("id").GetGuid(), Is.Not.EqualTo(hold.GetProperty("id").GetGuid()));
        await admin.PostAsJsonAsync($"/api/v1/retention/holds/{other.GetProperty("id").GetGuid()}/lift", new { reason = "done" });
    }

    [TestCase("")]
    [TestCase("has space")]
    public async Task InvalidKey_Answers400(string key)
    {
        using var admin = _factory.Admin();
        var request = PlaceHold("x", _keyId.ToString(), "r");
        request.Headers.Remove("Idempotency-Key");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key.Length == 0 ? new string('k', 101) : key);
        using var response = await admin.SendAsync(request);
        await HttpAssert.Problem(response, 400);
    }
}
