using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Host.Tests.Security;

public sealed class BootstrapKeyTests
{
    private static async Task<List<JsonElement>> KeysAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/api-keys?pageSize=200")).GetProperty("items").EnumerateArray().ToList();

    [Test]
    public async Task FirstStart_WritesOneAdminKey_OwnerOnly()
    {
        using var factory = new ApiFactory();
        var key = factory.AdminKey;
        var path = Path.Combine(factory.DataDirectory, BootstrapAdminKey.FileName);
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }

        using var admin = factory.WithKey(key);
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.That(me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "Admin" }));
        var keys = await KeysAsync(admin);
        Assert.That(keys, Has.Count.EqualTo(1));
        Assert.That(keys[0].GetProperty("name").GetString(), Is.EqualTo("bootstrap-admin"));
    }

    [Test]
    public async Task Restart_WithFileDeleted_DoesNotRegenerate()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cp-tests", Guid.NewGuid().ToString("N"));
        string key;
        using (var first = new ApiFactory(dataDirectory: dir))
        {
            key = first.AdminKey;
            File.Delete(Path.Combine(dir, BootstrapAdminKey.FileName));
            using var second = new ApiFactory(dataDirectory: dir);
            using var admin = second.WithKey(key);
            Assert.That(File.Exists(Path.Combine(dir, BootstrapAdminKey.FileName)), Is.False);
            Assert.That(await KeysAsync(admin), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task OperatorKey_ReplacesGeneratedKey()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cp-tests", Guid.NewGuid().ToString("N"));
        using var first = new ApiFactory(dataDirectory: dir);
        var generated = first.AdminKey;
        var operatorKey = ApiKeyStore.NewSecret();
        using var second = new ApiFactory(new() { ["Auth:BootstrapAdminKey"] = operatorKey }, dataDirectory: dir);
        using var withOperator = second.WithKey(operatorKey);
        var me = await withOperator.GetAsync("/api/v1/me");
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var withGenerated = second.WithKey(generated);
        Assert.That((await withGenerated.GetAsync("/api/v1/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public void OperatorKey_TooWeak_RefusesToStart()
    {
        using var factory = new ApiFactory(new() { ["Auth:BootstrapAdminKey"] = "password" });
        Assert.That(() => factory.CreateClient(), Throws.Exception.With.Message.Contains("Auth:BootstrapAdminKey"));
    }

    [Test]
    public async Task OperatorKey_OnFreshDatabase_NoFileWritten()
    {
        var operatorKey = ApiKeyStore.NewSecret();
        using var factory = new ApiFactory(new() { ["Auth:BootstrapAdminKey"] = operatorKey });
        using var admin = factory.WithKey(operatorKey);
        Assert.That((await admin.GetAsync("/api/v1/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(File.Exists(Path.Combine(factory.DataDirectory, BootstrapAdminKey.FileName)), Is.False);
    }
}
