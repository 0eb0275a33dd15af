using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Reading;

/// <summary>
/// The documented query routes (<c>/by-reference?reference=</c>, <c>/incidents/by-id?id=</c>) and the deprecated
/// path aliases they replace (kept for existing callers, left out of the OpenAPI document) answer alike.
/// </summary>
public sealed class DeprecatedRouteTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));

    [Test]
    public async Task ComplaintByReference_QueryRouteAndDeprecatedAlias_AnswerTheSameComplaint()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        var (teller, _) = await ComplaintsApi.ClientAsync(factory, [Role.Teller], branch: "SH001");
        using (teller)
        {
            await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now));
            var filed = await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now, b => b["branchId"] = "BJ007"));
            var reference = filed.GetProperty("reference").GetString()!;

            using var byQuery = await admin.GetAsync($"/api/v1/complaints/by-reference?reference={Uri.EscapeDataString(reference)}");
            using var byAlias = await admin.GetAsync($"/api/v1/complaints/by-reference/{reference}");
            Assert.That(byQuery.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(byAlias.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var a = await byQuery.Content.ReadFromJsonAsync<JsonElement>();
            var b = await byAlias.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Multiple(() =>
            {
                Assert.That(a.GetProperty("id").GetGuid(), Is.EqualTo(filed.GetProperty("id").GetGuid()));
                Assert.That(a.GetProperty("reference").GetString(), Is.EqualTo(reference));
                Assert.That(b.GetRawText(), Is.EqualTo(a.GetRawText()));
                Assert.That(byAlias.Headers.ETag, Is.EqualTo(byQuery.Headers.ETag).And.Not.Null);
            });

            // Scope and unknown references answer 404 on both; the query route needs its parameter.
            await HttpAssert.Problem(await teller.GetAsync($"/api/v1/complaints/by-reference?reference={reference}"), 404);
            await HttpAssert.Problem(await teller.GetAsync($"/api/v1/complaints/by-reference/{reference}"), 404);
            await HttpAssert.Problem(await admin.GetAsync("/api/v1/complaints/by-reference?reference=CP-19990101-000001"), 404);
            await HttpAssert.Problem(await admin.GetAsync("/api/v1/complaints/by-reference/CP-19990101-000001"), 404);
            Assert.That((await admin.GetAsync("/api/v1/complaints/by-reference")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }
    }

    [Test]
    public async Task IncidentById_QueryRouteAndDeprecatedAlias_AnswerTheSameIncident()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now, b => { b["productCode"] = "WM-01"; b["groupComplaint"] = true; }));
        var incident = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/complaints/incidents")).GetProperty("items").EnumerateArray().Single();
        var id = incident.GetProperty("id").GetGuid();

        var byQuery = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/incidents/by-id?id={id}");
        var byAlias = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/incidents/{id}");
        Assert.Multiple(() =>
        {
            Assert.That(byQuery.GetProperty("id").GetGuid(), Is.EqualTo(id));
            Assert.That(byQuery.GetProperty("kind").GetString(), Is.EqualTo("GroupComplaint"));
            Assert.That(byAlias.GetRawText(), Is.EqualTo(byQuery.GetRawText()));
        });

        await HttpAssert.Problem(await admin.GetAsync($"/api/v1/complaints/incidents/by-id?id={Guid.NewGuid()}"), 404);
        await HttpAssert.Problem(await admin.GetAsync($"/api/v1/complaints/incidents/{Guid.NewGuid()}"), 404);
        Assert.That((await admin.GetAsync("/api/v1/complaints/incidents/by-id")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
