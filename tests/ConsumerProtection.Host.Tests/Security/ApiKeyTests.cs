using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Host.Tests.Security;

public sealed class ApiKeyTests
{
    [Test]
    public async Task CreatedKey_CarriesRolesAndBranch_SecretNeverListed()
    {
        using var factory = new ApiFactory();
        var (secret, id) = await factory.CreateKeyAsync([Role.Teller, Role.ComplaintHandler], "SH001", department: "complaints-team");
        using var client = factory.WithKey(secret);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Multiple(() =>
        {
            Assert.That(me.GetProperty("id").GetString(), Is.EqualTo("key:" + id));
            Assert.That(me.GetProperty("branchId").GetString(), Is.EqualTo("SH001"));
            Assert.That(me.GetProperty("departmentId").GetString(), Is.EqualTo("complaints-team"));
            Assert.That(me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EquivalentTo(new[] { "Teller", "ComplaintHandler" }));
        });

        using var admin = factory.Admin();
        var list = await admin.GetStringAsync("/api/v1/admin/api-keys");
        var one = await admin.GetStringAsync($"/api/v1/admin/api-keys/{id}");
        Assert.Multiple(() =>
        {
            Assert.That(list, Does.Not.Contain(secret));
            Assert.That(list, Does.Not.Contain(ApiKeyStore.Hash(secret)));
            Assert.That(one, Does.Not.Contain(secret[12..]));
            Assert.That(list, Does.Not.Contain("\"secret\""));
        });

        // The database holds only the hash.
        using var file = factory.OpenFile("kernel");
        using var cmd = file.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM api_key WHERE key_hash = $h";
        cmd.Parameters.AddWithValue("$h", ApiKeyStore.Hash(secret));
        Assert.That((long)cmd.ExecuteScalar()!, Is.EqualTo(1));
    }

    [Test]
    public async Task RevokedKey_IsRefusedAtOnce_AndRevokeTwiceConflicts()
    {
        using var factory = new ApiFactory();
        var (secret, id) = await factory.CreateKeyAsync([Role.Auditor]);
        using var client = factory.WithKey(secret);
        Assert.That((await client.GetAsync("/api/v1/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var admin = factory.Admin();
        var revoked = await (await admin.PostAsync($"/api/v1/admin/api-keys/{id}/revoke", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(revoked.GetProperty("status").GetString(), Is.EqualTo("revoked"));
        Assert.That((await client.GetAsync("/api/v1/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await HttpAssert.Problem(await admin.PostAsync($"/api/v1/admin/api-keys/{id}/revoke", null), 409);
        await HttpAssert.Problem(await admin.PostAsync($"/api/v1/admin/api-keys/{Guid.NewGuid()}/revoke", null), 404);
    }

    [Test]
    public async Task ExpiredKey_IsRefused()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        using var factory = new ApiFactory(time: time);
        var (secret, _) = await factory.CreateKeyAsync([Role.Auditor], expiresAt: time.GetUtcNow().AddDays(1));
        using var client = factory.WithKey(secret);
        Assert.That((await client.GetAsync("/api/v1/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.That((await client.GetAsync("/api/v1/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
