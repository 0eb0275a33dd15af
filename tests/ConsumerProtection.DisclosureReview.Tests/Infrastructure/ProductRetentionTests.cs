using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static ConsumerProtection.DisclosureReview.Tests.Infrastructure.DisclosureApi;

namespace ConsumerProtection.DisclosureReview.Tests.Infrastructure;

/// <summary>
/// Record type disclosure-product: kept three years after the product retires, legal holds respected, then deleted
/// with everything under it and an audit row saying so.
/// </summary>
public sealed class ProductRetentionTests
{
    private DisclosureApi _api = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _api = await DisclosureApi.StartAsync();
        _admin = _api.Factory.Admin();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _admin.Dispose();
        _api.Dispose();
    }

    private async Task<Guid> RetiredProductAsync(string code)
    {
        await _api.ProductWithDocumentsAsync(code);
        var (review, etag) = await _api.SubmitAsync(code);
        await _api.ApproveAsync(review, etag);
        await Json(await _api.ProductSystem.SendAsync(WithIfMatch(HttpMethod.Post, $"{Products}/{code}/launch", await _api.ProductETagAsync(code, _api.ProductSystem))), HttpStatusCode.OK);
        var retired = await Json(await _api.ProductSystem.SendAsync(WithIfMatch(HttpMethod.Post, $"{Products}/{code}/retire", await _api.ProductETagAsync(code, _api.ProductSystem))), HttpStatusCode.OK);
        Assert.That(retired.GetProperty("status").GetString(), Is.EqualTo("Retired"));
        return retired.GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> DisposalRunAsync() =>
        await Json(await _admin.PostAsync("/api/v1/retention/disposal-runs", null), HttpStatusCode.OK);

    private async Task<bool> ExistsAsync(string code) => (await _api.Officer.GetAsync($"{Products}/{code}")).StatusCode == HttpStatusCode.OK;

    [Test]
    public async Task RetiredProduct_KeptThreeYears_HeldWhileOnHold_ThenDisposedWithEverything()
    {
        var held = NewCode("RET");
        var free = NewCode("RET");
        var active = NewCode("RET");
        var heldId = await RetiredProductAsync(held);
        await RetiredProductAsync(free);
        await _api.ProductWithDocumentsAsync(active);
        var placed = await Json(await _admin.PostAsJsonAsync("/api/v1/retention/holds",
            new { recordType = "disclosure-product", recordId = heldId.ToString(), reason = "监管检查调阅 2026-03" }), HttpStatusCode.Created);

        _api.Time.Advance(TimeSpan.FromDays(3 * 365));
        await DisposalRunAsync();
        Assert.That(await ExistsAsync(free), Is.True, "three years minus the leap day are not yet three years");

        _api.Time.Advance(TimeSpan.FromDays(2));
        var run = await DisposalRunAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(run.GetProperty("held").GetInt32(), Is.EqualTo(1));
            Assert.That(await ExistsAsync(free), Is.False);
            Assert.That(await ExistsAsync(held), Is.True);
            Assert.That(await ExistsAsync(active), Is.True, "a product that never retired is active");
        });

        await Json(await _admin.PostAsJsonAsync($"/api/v1/retention/holds/{placed.GetProperty("id").GetGuid()}/lift", new { reason = "检查结束" }), HttpStatusCode.OK);
        await DisposalRunAsync();
        Assert.That(await ExistsAsync(held), Is.False);

        using var db = _api.Factory.OpenFile("disclosure");
        using var command = db.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM audit_log WHERE action = 'product.disposed'),
                   (SELECT COUNT(*) FROM document_version), (SELECT COUNT(*) FROM review), (SELECT COUNT(*) FROM approval_item)
            """;
        using var reader = command.ExecuteReader();
        Assert.That(reader.Read(), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(reader.GetInt64(0), Is.EqualTo(2));
            Assert.That(reader.GetInt64(1), Is.EqualTo(3), "only the active product's three versions are left");
            Assert.That(reader.GetInt64(2), Is.Zero);
            Assert.That(reader.GetInt64(3), Is.Zero);
        });
    }
}
