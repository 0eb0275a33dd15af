using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Complaints.Tests.Infrastructure;

/// <summary>Helpers for driving the complaints API in tests.</summary>
internal static class ComplaintsApi
{
    /// <summary>A valid intake body; override fields with <paramref name="change"/>.</summary>
    public static Dictionary<string, object?> Body(DateTimeOffset receivedAt, Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["receivedAt"] = receivedAt,
            ["intakeChannel"] = "Counter",
            ["branchId"] = "SH001",
            ["consumer"] = new Dictionary<string, object?> { ["name"] = "王芳", ["phone"] = "+86 138 0000 1111" },
            ["businessChannel"] = "A1",
            ["businessType"] = "B032",
            ["reason"] = "C11",
            ["productCode"] = "CC-GOLD",
            ["productName"] = "金卡信用卡",
            ["description"] = "年费收取未事先告知",
            ["amountInDispute"] = 300.50m,
        };
        change?.Invoke(body);
        return body;
    }

    public static async Task<JsonElement> FileAsync(HttpClient client, Dictionary<string, object?> body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/complaints", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(201), text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Posts a workflow action with If-Match.</summary>
    public static async Task<HttpResponseMessage> ActAsync(HttpClient client, Guid id, string action, long version, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/complaints/{id}/{action}")
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return await client.SendAsync(request);
    }

    /// <summary>The caller id (<c>key:&lt;id&gt;</c>) of the client's key, from <c>GET /api/v1/me</c>.</summary>
    public static async Task<string> CallerIdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetString()!;

    /// <summary>A client for a new key with <paramref name="roles"/>.</summary>
    public static async Task<(HttpClient Client, string CallerId)> ClientAsync(ApiFactory factory, Role[] roles, string? branch = null, string? department = null)
    {
        var (secret, id) = await factory.CreateKeyAsync(roles, branch, department: department, name: string.Join('-', roles).ToLowerInvariant());
        return (factory.WithKey(secret), "key:" + id);
    }
}
