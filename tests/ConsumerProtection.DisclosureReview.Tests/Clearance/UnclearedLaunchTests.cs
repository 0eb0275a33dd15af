using System.Net;
using System.Text.Json;
using ConsumerProtection.DisclosureReview.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Events;
using Microsoft.Extensions.DependencyInjection;
using static ConsumerProtection.DisclosureReview.Tests.Infrastructure.DisclosureApi;

namespace ConsumerProtection.DisclosureReview.Tests.Clearance;

/// <summary>
/// A launch the product system records for a product the review has not cleared (plan 6 art. 21) is refused and raised
/// into the office's major-event register (art. 41, ADR 0008): one entry per product version however often it is reported.
/// </summary>
public sealed class UnclearedLaunchTests : DisclosureApiFixture
{
    private async Task<List<JsonElement>> RegisterEntriesAsync(string code)
    {
        await _api.Factory.Services.GetRequiredService<IntegrationEventDispatcher>().DispatchAllAsync(CancellationToken.None);
        var list = await Json(await _api.Auditor.GetAsync("/api/v1/major-events?sourceModule=DisclosureReview&pageSize=200"), HttpStatusCode.OK);
        return list.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("summary").GetString()!.Contains($"Product {code} ")).ToList();
    }

    private async Task<int> AuditCountAsync(string action, string productId)
    {
        using var db = _api.Factory.OpenFile("disclosure");
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_log WHERE action = $action AND entity_id = $id";
        command.Parameters.AddWithValue("$action", action);
        command.Parameters.AddWithValue("$id", productId);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    [Test]
    public async Task UnclearedLaunch_ReportedTwice_Is409EachTime_OneRegisterEntry_ProductUnchanged()
    {
        var code = NewCode();
        await _api.ProductWithDocumentsAsync(code, types: ["Contract", "ProductRules"]);
        var (review, etag) = await _api.SubmitAsync(code);
        await _api.ApproveAsync(review, etag);
        var productETag = await _api.ProductETagAsync(code, _api.ProductSystem);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var launch = await _api.ProductSystem.SendAsync(WithIfMatch(HttpMethod.Post, $"{Products}/{code}/launch", productETag));
            var problem = await HttpAssert.Problem(launch, 409);
            Assert.That(problem.GetProperty("reasons")[0].GetProperty("code").GetString(), Is.EqualTo("missing-document"));
        }

        var product = await Json(await _api.ProductSystem.GetAsync($"{Products}/{code}"), HttpStatusCode.OK);
        var productId = product.GetProperty("id").GetString()!;
        var entries = await RegisterEntriesAsync(code);
        Assert.That(entries, Has.Count.EqualTo(1), "raised twice, one entry");
        var entry = entries[0];
        Assert.Multiple(async () =>
        {
            Assert.That(await _api.ProductETagAsync(code, _api.ProductSystem), Is.EqualTo(productETag), "the refused launch stored nothing on the product");
            Assert.That(product.GetProperty("status").GetString(), Is.EqualTo("Approved"));
            Assert.That(entry.GetProperty("sourceModule").GetString(), Is.EqualTo("DisclosureReview"));
            Assert.That(entry.GetProperty("sourceReference").GetString(), Does.StartWith(productId + "/launch@"));
            Assert.That(entry.GetProperty("kind").GetString(), Is.EqualTo("ProductLaunchedWithoutClearance"));
            Assert.That(entry.GetProperty("severity").GetString(), Is.EqualTo("Major"));
            Assert.That(entry.GetProperty("status").GetString(), Is.EqualTo("Open"));
            Assert.That(entry.GetProperty("summary").GetString(), Does.Contain("missing-document"));
            Assert.That(await AuditCountAsync("product.launch-refused", productId), Is.EqualTo(2), "each report is audited");
        });

        // The register entry is worked like any other: it is visible by id with its ETag.
        var one = await _api.Auditor.GetAsync($"/api/v1/major-events/{entry.GetProperty("id").GetString()}");
        Assert.That(one.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(one.Headers.ETag, Is.Not.Null);
    }

    [Test]
    public async Task LaunchRefusedByState_OrStale_RaisesNothing()
    {
        var code = NewCode();
        await _api.ProductWithDocumentsAsync(code);
        var draft = await _api.ProductSystem.SendAsync(WithIfMatch(HttpMethod.Post, $"{Products}/{code}/launch", await _api.ProductETagAsync(code, _api.ProductSystem)));
        var problem = await HttpAssert.Problem(draft, 409);
        Assert.That(problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()), Does.Not.Contain("Launch"));
        await HttpAssert.Problem(await _api.ProductSystem.SendAsync(WithIfMatch(HttpMethod.Post, $"{Products}/{code}/launch", "\"999\"")), 412);

        Assert.That(await RegisterEntriesAsync(code), Is.Empty);
    }
}
