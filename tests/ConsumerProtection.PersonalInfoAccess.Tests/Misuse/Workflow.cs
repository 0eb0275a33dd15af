using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Misuse;

/// <summary>Reads an alert's ETag and posts a workflow step with it.</summary>
internal static class Workflow
{
    public static async Task<(JsonElement Alert, string ETag)> GetAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/v1/pi-access/alerts/{id}");
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync(), response.Headers.ETag!.Tag);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid id, string action, object body, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/pi-access/alerts/{id}/{action}") { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Reads the current ETag and applies the step; asserts 200.</summary>
    public static async Task<JsonElement> StepAsync(HttpClient client, Guid id, string action, object body)
    {
        var (_, etag) = await GetAsync(client, id);
        var response = await PostAsync(client, id, action, body, etag);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }
}
