using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Host.Tests.Security;

/// <summary>Findings of the outside security review of the kernel's API-key and request handling.</summary>
public sealed class HardeningTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private async Task<long> KeyCountAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/api-keys")).GetProperty("total").GetInt64();

    [TestCase("[\"Regulator,ComplaintSupervisor\"]")]
    [TestCase("[\"Admin,SystemClient\"]")]
    [TestCase("[\"ComplaintHandler, Auditor\"]")]
    [TestCase("[10]")]
    [TestCase("[\"10\"]")]
    [TestCase("[\"admin\"]")]
    public async Task CreateKey_RoleNotExactlyOneName_Is400AndNoKeyStored(string roles)
    {
        using var admin = _factory.Admin();
        var before = await KeyCountAsync(admin);
        var body = await HttpAssert.FieldError(
            await admin.PostAsync("/api/v1/admin/api-keys", HttpAssert.Json("{\"name\":\"probe\",\"roles\":" + roles + "}")), "roles[0]");
        Assert.That(body.GetProperty("errors").GetProperty("roles[0]")[0].GetString(), Does.Contain("Teller, ComplaintHandler"));
        Assert.That(await KeyCountAsync(admin), Is.EqualTo(before));
        Assert.That((await admin.GetAsync("/api/v1/admin/api-keys")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the key list still answers");
    }

    [Test]
    public async Task CreateKey_DuplicateMember_Is400_NotLastOneWins()
    {
        using var admin = _factory.Admin();
        var before = await KeyCountAsync(admin);
        await HttpAssert.FieldError(
            await admin.PostAsync("/api/v1/admin/api-keys", HttpAssert.Json("{\"name\":\"probe\",\"roles\":[\"Teller\"],\"roles\":[\"Admin\"]}")), "roles");
        Assert.That(await KeyCountAsync(admin), Is.EqualTo(before));
    }

    [Test]
    public async Task CreateKey_ControlCharacterInName_Is400()
    {
        using var admin = _factory.Admin();
        await HttpAssert.FieldError(
            await admin.PostAsync("/api/v1/admin/api-keys", HttpAssert.Json("{\"name\":\"pro\\u0000be\",\"roles\":[\"Teller\"]}")), "name");
        await HttpAssert.FieldError(
            await admin.PostAsync("/api/v1/admin/api-keys", HttpAssert.Json("{\"name\":\"pro\\nbe\",\"roles\":[\"Teller\"]}")), "name");
    }

    [Test]
    public async Task StoredKeyRolesChangedOutsideTheApi_KeyGrantsNothing_ListNamesTheRow()
    {
        using var admin = _factory.Admin();
        var (secret, id) = await _factory.CreateKeyAsync([Role.Teller], branch: "B001", name: "tampered");
        using (var file = _factory.OpenFile("kernel"))
        using (var update = file.CreateCommand())
        {
            update.CommandText = "UPDATE api_key SET roles = '10' WHERE id = $id";
            update.Parameters.AddWithValue("$id", id.ToString());
            Assert.That(update.ExecuteNonQuery(), Is.EqualTo(1));
        }

        // The authenticating host caches a verified key for a while; a fresh host reads the row.
        using var fresh = new ApiFactory(dataDirectory: _factory.DataDirectory);
        using var tampered = fresh.WithKey(secret);
        Assert.That((await tampered.GetAsync("/api/v1/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var freshAdmin = fresh.WithKey(_factory.AdminKey);
        var list = await freshAdmin.GetFromJsonAsync<JsonElement>("/api/v1/admin/api-keys?pageSize=200");
        Assert.That(list.GetProperty("rowErrors").EnumerateArray().Select(e => e.GetProperty("id").GetString()), Does.Contain(id.ToString()));
    }

    [Test]
    public async Task LongUrl_Is414ProblemJson_LargeHeaders_Are431ProblemJson()
    {
        using var admin = _factory.Admin();
        await HttpAssert.Problem(await admin.GetAsync("/api/v1/me?x=" + new string('a', 9000)), 414);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("X-Padding", new string('b', 40_000));
        await HttpAssert.Problem(await admin.SendAsync(request), 431);
        Assert.That((await admin.GetAsync("/api/v1/me?x=" + new string('a', 7000))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
