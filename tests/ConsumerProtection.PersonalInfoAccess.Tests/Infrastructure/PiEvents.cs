using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;

/// <summary>Builds access events as JSON bodies and sends them through a SystemClient key.</summary>
internal static class PiEvents
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A valid event as a mutable JSON object; tweak fields per test.</summary>
    public static Dictionary<string, object?> Event(
        Guid? id = null, DateTimeOffset? at = null, string customer = "CIF-0001", string staff = "staff-001", string purpose = "AccountServicing",
        string system = "core-banking", params (string Name, string Tier)[] categories) => new()
    {
        ["eventId"] = id ?? Guid.NewGuid(),
        ["occurredAt"] = at ?? Now.AddMinutes(-1),
        ["staffId"] = staff,
        ["staffRole"] = "teller",
        ["staffBranch"] = "BR-001",
        ["staffDepartment"] = "retail",
        ["sourceSystem"] = system,
        ["customerReference"] = customer,
        ["categories"] = (categories.Length == 0 ? [("phone", "C2"), ("balance", "C2")] : categories)
            .Select(c => new Dictionary<string, object?> { ["name"] = c.Name, ["tier"] = c.Tier }).ToList(),
        ["action"] = "View",
        ["purpose"] = purpose,
        ["legalBasis"] = "Contract",
        ["businessReference"] = "ACC-778",
        ["channel"] = "branch-counter",
        ["outcome"] = "Succeeded",
    };

    public static async Task<HttpClient> SystemClientAsync(this ApiFactory api, string name = "core-banking")
    {
        var (secret, _) = await api.CreateKeyAsync([Role.SystemClient], name: name);
        return api.WithKey(secret);
    }

    public static async Task<HttpClient> ReaderAsync(this ApiFactory api, Role role = Role.PrivacyOfficer)
    {
        var (secret, _) = await api.CreateKeyAsync([role], name: role.ToString());
        return api.WithKey(secret);
    }

    public static Task<HttpResponseMessage> PostEventAsync(this HttpClient client, object body) =>
        client.PostAsJsonAsync("/api/v1/pi-access/events", body);

    public static Task<HttpResponseMessage> PostBatchAsync(this HttpClient client, IEnumerable<object> events) =>
        client.PostAsJsonAsync("/api/v1/pi-access/events/batch", new { events });

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Rows in the access_event table, read straight from the SQLite file.</summary>
    public static long StoredCount(this ApiFactory api)
    {
        using var c = api.OpenFile("piaccess");
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM access_event";
        return (long)cmd.ExecuteScalar()!;
    }
}
