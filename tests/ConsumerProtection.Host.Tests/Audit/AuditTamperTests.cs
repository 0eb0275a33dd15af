using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Host.Tests.Audit;

/// <summary>Someone with access to the SQLite file edits, deletes or reorders audit rows: verification names the row.</summary>
public sealed class AuditTamperTests
{
    private ApiFactory _factory = null!;
    private HttpClient _admin = null!;

    [SetUp]
    public async Task Start()
    {
        // Mid-year, so no missing-year alert adds a row: bootstrap key, the 4 shipped calendar years, then 5 keys.
        _factory = new ApiFactory(time: new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8))));
        _admin = _factory.Admin();
        for (var i = 0; i < 5; i++)
        {
            await _factory.CreateKeyAsync([Role.Auditor], name: $"auditor-{i}");
        }
    }

    [TearDown]
    public void Stop()
    {
        _admin.Dispose();
        _factory.Dispose();
    }

    private async Task<JsonElement> VerifyAsync()
    {
        using var response = await _admin.PostAsync("/api/v1/audit/kernel/verify", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private void Tamper(string sql)
    {
        using var file = _factory.OpenFile("kernel");
        using var cmd = file.CreateCommand();
        // An attacker with file access can drop the append-only triggers; the hash chain still tells.
        cmd.CommandText = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + sql;
        cmd.ExecuteNonQuery();
    }

    [Test]
    public async Task Verify_IntactChain_IsOk()
    {
        var result = await VerifyAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("ok").GetBoolean(), Is.True);
            Assert.That(result.GetProperty("checked").GetInt64(), Is.EqualTo(10)); // bootstrap key + 4 shipped calendar years + 5
            Assert.That(result.GetProperty("firstBrokenSeq").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Verify_EditedRow_NamesIt()
    {
        Tamper("UPDATE audit_log SET actor_id = 'key:someone-else' WHERE seq = 3");
        var result = await VerifyAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("ok").GetBoolean(), Is.False);
            Assert.That(result.GetProperty("firstBrokenSeq").GetInt64(), Is.EqualTo(3));
            Assert.That(result.GetProperty("problem").GetString(), Does.StartWith("edited"));
        });
    }

    [Test]
    public async Task Verify_DeletedRow_NamesIt()
    {
        Tamper("DELETE FROM audit_log WHERE seq = 4");
        var result = await VerifyAsync();
        Assert.That(result.GetProperty("firstBrokenSeq").GetInt64(), Is.EqualTo(4));
        Assert.That(result.GetProperty("problem").GetString(), Does.StartWith("missing"));
    }

    [Test]
    public async Task Verify_DeletedTailRowsRenumbered_IsCaught()
    {
        // Delete row 2 and renumber the rest to close the gap: the links no longer match.
        Tamper("DELETE FROM audit_log WHERE seq = 2; UPDATE audit_log SET seq = seq - 1 WHERE seq > 2;");
        var result = await VerifyAsync();
        Assert.That(result.GetProperty("ok").GetBoolean(), Is.False);
        Assert.That(result.GetProperty("firstBrokenSeq").GetInt64(), Is.EqualTo(2));
    }

    [Test]
    public async Task Verify_ReorderedRows_NamesTheFirst()
    {
        // Swap rows 2 and 3 entirely (content moves, seq numbers stay in place).
        Tamper("""
            UPDATE audit_log SET seq = -2 WHERE seq = 2;
            UPDATE audit_log SET seq = 2 WHERE seq = 3;
            UPDATE audit_log SET seq = 3 WHERE seq = -2;
            """);
        var result = await VerifyAsync();
        Assert.That(result.GetProperty("ok").GetBoolean(), Is.False);
        Assert.That(result.GetProperty("firstBrokenSeq").GetInt64(), Is.EqualTo(2));
    }

    [Test]
    public void AppendOnlyTriggers_RefuseUpdateAndDelete()
    {
        using var file = _factory.OpenFile("kernel");
        using var update = file.CreateCommand();
        update.CommandText = "UPDATE audit_log SET action = 'x' WHERE seq = 1";
        Assert.That(() => update.ExecuteNonQuery(), Throws.Exception.With.Message.Contains("append-only"));
        using var delete = file.CreateCommand();
        delete.CommandText = "DELETE FROM audit_log WHERE seq = 1";
        Assert.That(() => delete.ExecuteNonQuery(), Throws.Exception.With.Message.Contains("append-only"));
    }

    [Test]
    public async Task Verify_UnknownSchema_Answers404()
    {
        using var response = await _admin.PostAsync("/api/v1/audit/nosuch/verify", null);
        await HttpAssert.Problem(response, 404);
    }

    [Test]
    public async Task Records_FilterByEntityAndPaging()
    {
        var (_, id) = await _factory.CreateKeyAsync([Role.Teller], "B9", name: "to-revoke");
        using var revoke = await _admin.PostAsync($"/api/v1/admin/api-keys/{id}/revoke", null);
        revoke.EnsureSuccessStatusCode();
        var page = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit/kernel/records?entityType=api-key&entityId={id}");
        var actions = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()).ToList();
        Assert.That(actions, Is.EqualTo(new[] { "api-key.created", "api-key.revoked" }));
        Assert.That(page.GetProperty("total").GetInt64(), Is.EqualTo(2));

        var paged = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/kernel/records?page=2&pageSize=3");
        Assert.That(paged.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("seq").GetInt64()), Is.EqualTo(new long[] { 4, 5, 6 }));
    }
}
