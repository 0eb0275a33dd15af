using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Chain;

/// <summary>Seeds the log, calls the chain endpoints, and tampers with the SQLite file as an attacker with file access would.</summary>
internal static class ChainTestKit
{
    public static async Task SeedAsync(this HttpClient system, int count, int batch = 100)
    {
        for (var done = 0; done < count; done += batch)
        {
            var response = await system.PostBatchAsync(Enumerable.Range(0, Math.Min(batch, count - done))
                .Select(i => PiEvents.Event(customer: $"CIF-{done + i:D5}")));
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        }
    }

    public static async Task<JsonElement> VerifyAsync(this HttpClient reader, object? body = null)
    {
        var response = await reader.PostAsJsonAsync("/api/v1/pi-access/verify", body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> TakeCheckpointAsync(this HttpClient auditor)
    {
        var response = await auditor.PostAsync("/api/v1/pi-access/checkpoints", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement[]> CheckpointsAsync(this HttpClient reader)
    {
        var body = await (await reader.GetAsync("/api/v1/pi-access/checkpoints?pageSize=200")).JsonAsync();
        return body.GetProperty("items").EnumerateArray().ToArray();
    }

    /// <summary>Runs SQL on the module's file with the append-only triggers dropped first.</summary>
    public static void Tamper(this ApiFactory api, params string[] statements)
    {
        using var c = api.OpenFile("piaccess");
        foreach (var sql in new[]
                 {
                     "DROP TRIGGER IF EXISTS tr_access_event_no_delete", "DROP TRIGGER IF EXISTS tr_access_event_purge_only",
                     "DROP TRIGGER IF EXISTS tr_checkpoint_no_delete", "DROP TRIGGER IF EXISTS tr_checkpoint_no_update",
                     "DROP TRIGGER IF EXISTS tr_purge_ledger_no_delete", "DROP TRIGGER IF EXISTS tr_purge_ledger_no_update",
                 }.Concat(statements))
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>What an attacker writes to fake a retention purge: purged_at set, the personal fields and the salt cleared.</summary>
    public static void FakePurge(this ApiFactory api, string purgedAt, string where) =>
        api.Tamper($"""
            UPDATE access_event SET purged_at = '{purgedAt}', staff_id = NULL, customer_ref = NULL, purpose_text = NULL, business_ref = NULL,
                consent_ref = NULL, authorization_ref = NULL, personal_salt = NULL WHERE {where}
            """);

    public static object ScalarObject(this ApiFactory api, string sql)
    {
        using var c = api.OpenFile("piaccess");
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar()!;
    }

    /// <summary>The first row of <paramref name="sql"/>, every column as stored (DBNull for null).</summary>
    public static object[] Row(this ApiFactory api, string sql)
    {
        using var c = api.OpenFile("piaccess");
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        Assert.That(r.Read(), Is.True, sql);
        var values = new object[r.FieldCount];
        r.GetValues(values);
        return values;
    }

    public static long Scalar(this ApiFactory api, string sql)
    {
        using var c = api.OpenFile("piaccess");
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    public static void AssertBroken(JsonElement result, string kind, long firstBrokenSeq)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("ok").GetBoolean(), Is.False, result.ToString());
            Assert.That(result.GetProperty("kind").GetString(), Is.EqualTo(kind), result.ToString());
            Assert.That(result.GetProperty("firstBrokenSeq").GetInt64(), Is.EqualTo(firstBrokenSeq), result.ToString());
            Assert.That(result.GetProperty("detail").GetString(), Is.Not.Empty);
        });
    }
}
