using System.Globalization;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;

/// <summary>Query-string building and audit inspection for the query and retention tests.</summary>
internal static class PiQueries
{
    /// <summary>An instant as a query value (UTC, so no '+' to escape).</summary>
    public static string Q(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A window around <see cref="PiEvents.Now"/> wide enough for every test event and within the 31-day limit.</summary>
    public static string Window => $"from={Q(PiEvents.Now.AddDays(-29))}&to={Q(PiEvents.Now.AddDays(1))}";

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{url}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static List<Guid> EventIds(this JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("eventId").GetGuid()).ToList();

    /// <summary>Rows in the piaccess audit log, read straight from the file.</summary>
    public static long AuditCount(this ApiFactory api)
    {
        using var c = api.OpenFile("piaccess");
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM audit_log";
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>The piaccess audit rows with <paramref name="action"/>, oldest first, through the audit API.</summary>
    public static async Task<List<JsonElement>> AuditAsync(this ApiFactory api, string action)
    {
        using var admin = api.Admin();
        var page = await admin.GetJsonAsync($"/api/v1/audit/piaccess/records?action={action}&pageSize=200");
        return page.GetProperty("items").EnumerateArray().OrderBy(i => i.GetProperty("seq").GetInt64()).ToList();
    }

    /// <summary>Sends <paramref name="events"/> in batches of up to 1000 and checks each was recorded.</summary>
    public static async Task SendAllAsync(this HttpClient system, IReadOnlyList<Dictionary<string, object?>> events)
    {
        foreach (var chunk in events.Chunk(1000))
        {
            using var response = await system.PostBatchAsync(chunk);
            var body = await response.JsonAsync();
            Assert.That(body.GetProperty("recorded").GetInt32(), Is.EqualTo(chunk.Length), body.ToString());
        }
    }
}
