using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsumerProtection.DisclosureReview.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.DisclosureReview.Tests.Integration;

/// <summary>Rule sets: the shipped default is version 1; an edit by a compliance officer is the next version, audited.</summary>
public sealed class RuleSetEndpointTests
{
    private const string Url = "/api/v1/disclosure/rule-sets";

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<HttpClient> As(ApiFactory api, Role role) => api.WithKey((await api.CreateKeyAsync([role], name: role.ToString())).Secret);

    [Test]
    public async Task Publish_NewVersion_IsUsedByChecks_AndAudited()
    {
        using var api = new ApiFactory();
        using var officer = await As(api, Role.ComplianceOfficer);
        var current = await Json(await officer.GetAsync(Url + "/current"), HttpStatusCode.OK);
        Assert.That(current.GetProperty("version").GetInt32(), Is.EqualTo(1));

        // The officer adds 躺赚 to the guarantee rule.
        var content = JsonNode.Parse(current.GetProperty("content").GetRawText())!;
        var rule = content["rules"]!.AsArray().Single(r => (string?)r!["id"] == "BAN-GUARANTEE")!;
        rule["terms"]!.AsArray().Add("躺赚");
        var created = await Json(await officer.PostAsJsonAsync(Url, new { basedOnVersion = 1, note = "add 躺赚", content }), HttpStatusCode.Created);
        Assert.That(created.GetProperty("version").GetInt32(), Is.EqualTo(2));

        var check = await Json(await officer.PostAsJsonAsync("/api/v1/disclosure/check", new
        {
            text = Rules.Compliant + "躺赚理财", productType = "WealthManagement", principalProtected = false, riskGrade = "R2", documentType = "MarketingMaterial",
        }), HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(check.GetProperty("ruleSetVersion").GetInt32(), Is.EqualTo(2));
            Assert.That(check.GetProperty("findings")[0].GetProperty("ruleId").GetString(), Is.EqualTo("BAN-GUARANTEE"));
        });

        var list = await Json(await officer.GetAsync(Url), HttpStatusCode.OK);
        Assert.That(list.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()), Is.EqualTo(new[] { 2, 1 }));

        using var c = api.OpenFile("disclosure");
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT action || ':' || entity_id || ':' || actor_id FROM audit_log ORDER BY seq";
        var rows = new List<string>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                rows.Add(r.GetString(0));
            }
        }

        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0], Does.StartWith("rule-set.seeded:1:system:"));
        Assert.That(rows[1], Does.StartWith("rule-set.published:2:key:"));
    }

    [Test]
    public async Task Publish_Stale_Is409_Invalid_Is400_OthersForbidden()
    {
        using var api = new ApiFactory();
        using var officer = await As(api, Role.ComplianceOfficer);
        using var pm = await As(api, Role.ProductManager);
        var current = await Json(await officer.GetAsync(Url + "/current"), HttpStatusCode.OK);
        var content = JsonNode.Parse(current.GetProperty("content").GetRawText())!;
        await Json(await officer.PostAsJsonAsync(Url, new { basedOnVersion = 1, note = "first", content }), HttpStatusCode.Created);
        await HttpAssert.Problem(await officer.PostAsJsonAsync(Url, new { basedOnVersion = 1, note = "second", content }), 409);

        content["rules"]![0]!["kind"] = "BannedClaim,Proximity";
        content["rules"]![1]!["terms"] = new JsonArray("#1");
        var bad = await HttpAssert.FieldError(await officer.PostAsJsonAsync(Url, new { basedOnVersion = 2, note = "bad", content }), "content.rules[0].kind");
        Assert.That(bad.GetProperty("errors").TryGetProperty("content.rules[1].terms[0]", out _), Is.True, bad.ToString());

        await HttpAssert.Problem(await pm.PostAsJsonAsync(Url, new { basedOnVersion = 2, note = "pm", content }), 403);
        Assert.That((await pm.GetAsync(Url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "product managers read the rules they are checked against");
        await HttpAssert.Problem(await officer.GetAsync(Url + "/99"), 404);
    }

    [Test]
    public async Task Publish_RetryWithSameIdempotencyKey_ReturnsFirstResult()
    {
        using var api = new ApiFactory();
        using var officer = await As(api, Role.ComplianceOfficer);
        var current = await Json(await officer.GetAsync(Url + "/current"), HttpStatusCode.OK);
        var content = JsonNode.Parse(current.GetProperty("content").GetRawText())!;
        var key = Guid.NewGuid().ToString();
        async Task<JsonElement> PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = JsonContent.Create(new { basedOnVersion = 1, note = "retry", content }) };
            request.Headers.Add("Idempotency-Key", key);
            return await Json(await officer.SendAsync(request), HttpStatusCode.Created);
        }

        var first = await PostAsync();
        var retry = await PostAsync();
        Assert.That(retry.GetProperty("version").GetInt32(), Is.EqualTo(first.GetProperty("version").GetInt32()));
        var list = await Json(await officer.GetAsync(Url), HttpStatusCode.OK);
        Assert.That(list.GetArrayLength(), Is.EqualTo(2));
    }
}
