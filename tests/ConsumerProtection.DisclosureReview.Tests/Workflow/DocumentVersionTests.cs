using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using ConsumerProtection.DisclosureReview.Tests.Infrastructure;
using ConsumerProtection.Modules.DisclosureReview.Domain;
using static ConsumerProtection.DisclosureReview.Tests.Infrastructure.DisclosureApi;

namespace ConsumerProtection.DisclosureReview.Tests.Workflow;

/// <summary>Versions keep the original bytes and their SHA-256, are checked on upload, and diff by paragraph.</summary>
public sealed class DocumentVersionTests : DisclosureApiFixture
{
    [Test]
    public async Task DocxUpload_KeepsOriginalBytesAndHash_AndChecksWithCurrentRuleSet()
    {
        var code = NewCode("WM");
        await Json(await _api.Pm.PostAsync(Products, HttpAssert(Product(code, "WealthManagement", false, "R2"))), HttpStatusCode.Created);
        var doc = (await Json(await _api.Pm.PostAsync($"{Products}/{code}/documents",
            HttpAssert(new { documentType = "MarketingMaterial", language = "zh", title = "宣传页" })), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var docx = Fixtures.Docx("稳健理财，保本保息！", "理财非存款、产品有风险、投资须谨慎。本产品风险等级为R2。");
        var content = new ByteArrayContent(docx);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf"); // declared type is ignored: sniffed as .docx
        var version = await Json(await _api.Pm.PostAsync($"{Products}/{code}/documents/{doc}/versions",
            new MultipartFormDataContent { { content, "file", "flyer.pdf" } }), HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That(version.GetProperty("format").GetString(), Is.EqualTo("Docx"));
            Assert.That(version.GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(docx))));
            Assert.That(version.GetProperty("ruleSetVersion").GetInt32(), Is.GreaterThanOrEqualTo(1));
            Assert.That(version.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()), Does.Contain("BAN-GUARANTEE"));
            Assert.That(version.GetProperty("blockers").GetInt32(), Is.GreaterThanOrEqualTo(1));
        });

        var original = await _api.Auditor.GetAsync($"{Products}/{code}/documents/{doc}/versions/1/original");
        Assert.That(original.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await original.Content.ReadAsByteArrayAsync(), Is.EqualTo(docx));
        var stored = await Json(await _api.Officer.GetAsync($"{Products}/{code}/documents/{doc}/versions/1"), HttpStatusCode.OK);
        Assert.That(stored.GetProperty("findings").GetArrayLength(), Is.EqualTo(version.GetProperty("findings").GetArrayLength()));
    }

    [Test]
    public async Task Diff_ReportsAddedRemovedAndChangedParagraphsWithNumbers()
    {
        var code = NewCode();
        var docs = await _api.ProductWithDocumentsAsync(code, types: ["ProductRules"]);
        await _api.UploadAsync(code, docs["ProductRules"], "产品规则\n本产品为人民币定期存款，起存金额100元。\n提前支取按活期利率计息。\n到期自动转存。");
        var diff = await Json(await _api.Pm.GetAsync($"{Products}/{code}/documents/{docs["ProductRules"]}/versions/2/diff?against=1"), HttpStatusCode.OK);
        var changes = diff.GetProperty("changes").EnumerateArray()
            .Select(c => (c.GetProperty("change").GetString(), Num(c, "fromParagraph"), Num(c, "toParagraph"))).ToList();
        Assert.That(changes, Is.EqualTo(new[] { ("Changed", (int?)2, (int?)2), ("Added", null, 4) }));
        await HttpAssertField(await _api.Pm.GetAsync($"{Products}/{code}/documents/{docs["ProductRules"]}/versions/2/diff"), "against");
        Assert.That((await _api.Pm.GetAsync($"{Products}/{code}/documents/{docs["ProductRules"]}/versions/2/diff?against=9")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public void ParagraphDiff_PairsReplacedParagraphs_AndKeepsCommonOnes()
    {
        var changes = ParagraphDiff.Compute(["a", "b", "c", "d", "e"], ["a", "x", "c", "e", "f"]);
        Assert.That(changes.Select(c => (c.Change, c.FromParagraph, c.ToParagraph)), Is.EqualTo(new (ParagraphChange, int?, int?)[]
        {
            (ParagraphChange.Changed, 2, 2), (ParagraphChange.Removed, 4, null), (ParagraphChange.Added, null, 5),
        }));
        Assert.That(ParagraphDiff.Compute(["a"], ["a"]), Is.Empty);
        Assert.That(ParagraphDiff.Compute([], ["a", "b"]).Select(c => c.Change), Is.EqualTo(new[] { ParagraphChange.Added, ParagraphChange.Added }));
    }

    private static int? Num(System.Text.Json.JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == System.Text.Json.JsonValueKind.Null ? null : e.GetProperty(name).GetInt32();

    private static System.Net.Http.Json.JsonContent HttpAssert(object body) => System.Net.Http.Json.JsonContent.Create(body);

    private static Task HttpAssertField(HttpResponseMessage response, string field) =>
        ConsumerProtection.Host.Tests.Infrastructure.HttpAssert.FieldError(response, field);
}
