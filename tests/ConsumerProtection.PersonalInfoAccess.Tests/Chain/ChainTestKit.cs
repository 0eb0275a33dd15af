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
                 }.Concat(statements))
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
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
