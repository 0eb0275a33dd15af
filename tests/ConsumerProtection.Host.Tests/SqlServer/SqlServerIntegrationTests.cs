using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Host.Tests.SqlServer;

/// <summary>
/// The host against a real SQL Server. No SQL Server can run on the build machines, so these run only when
/// <c>CP_TEST_SQLSERVER</c> holds a connection string to an empty database, and report themselves skipped
/// otherwise. Every T-SQL text is still parse-checked in ConsumerProtection.Shared.Tests.
/// </summary>
[NonParallelizable]
public sealed class SqlServerIntegrationTests
{
    private static string? ConnectionString => Environment.GetEnvironmentVariable("CP_TEST_SQLSERVER");

    private static ApiFactory Factory() => new(new()
    {
        ["Storage:Provider"] = "SqlServer",
        ["ConnectionStrings:SqlServer"] = ConnectionString,
        ["Auth:BootstrapAdminKey"] = "cpk_sqlserver-integration-test-admin-key-0001",
    });

    [SetUp]
    public void RequireSqlServer()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Assert.Ignore("CP_TEST_SQLSERVER is not set: SQL Server integration tests skipped (no SQL Server on this machine).");
        }
    }

    [Test]
    public async Task Migrate_CreateKey_Audit_Verify_OnSqlServer()
    {
        using var factory = Factory();
        using var admin = factory.WithKey("cpk_sqlserver-integration-test-admin-key-0001");
        using var ready = await admin.GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var (secret, id) = await factory.CreateKeyAsync([Role.Auditor], name: "sqlserver-" + Guid.NewGuid().ToString("N")[..8]);
        using var auditor = factory.WithKey(secret);
        Assert.That((await auditor.GetAsync("/api/v1/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var verify = await (await admin.PostAsync("/api/v1/audit/kernel/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(verify.GetProperty("ok").GetBoolean(), Is.True, verify.ToString());
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit/kernel/records?entityId={id}");
        Assert.That(audit.GetProperty("total").GetInt64(), Is.EqualTo(1));
    }
}
