using System.Net;
using System.Text;
using ConsumerProtection.DisclosureReview.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using static ConsumerProtection.DisclosureReview.Tests.Infrastructure.DisclosureApi;

namespace ConsumerProtection.DisclosureReview.Tests.Workflow;

/// <summary>Inputs an attacker sends: each is a 400 problem naming the field, and nothing is stored.</summary>
public sealed class BadInputTests : DisclosureApiFixture
{
    private long Count(string table)
    {
        using var db = _api.Factory.OpenFile("disclosure");
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [TestCase("code", "ADM-1\\n", "RETAIL")]
    [TestCase("ownerDepartment", "ADM-2", "RETAIL\\n")]
    public async Task CreateProduct_ValueWithTrailingLineFeed_Is400(string field, string code, string department)
    {
        using var admin = _api.Factory.Admin();
        var before = Count("product");
        var response = await admin.PostAsync(Products, Json(
            $$"""{"code":"{{code}}","name":"n","productType":"Deposit","principalProtected":true,"riskGrade":"R1","targetCustomers":"x","salesChannels":["Counter"],"ownerDepartment":"{{department}}"}"""));
        await HttpAssert.FieldError(response, field);
        Assert.That(Count("product"), Is.EqualTo(before));
    }

    [Test]
    public async Task Upload_OnlyZeroWidthOrFormatCharacters_Is400_NothingStored()
    {
        var code = NewCode();
        var docs = await _api.ProductWithDocumentsAsync(code, types: ["Contract"]);
        var url = $"{Products}/{code}/documents/{docs["Contract"]}/versions";
        var versions = Count("document_version");

        await HttpAssert.FieldError(await _api.Pm.PostAsync(url, Json("""{"text":"\u200b\u200d \ufeff\u2060"}""")), "text");
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("\u200b\u200c\n\u200d\u2060")), "file", "blank.txt");
        var file = await HttpAssert.FieldError(await _api.Pm.PostAsync(url, form), "file");
        Assert.That(file.GetProperty("code").GetString(), Is.EqualTo("empty"));
        Assert.That(Count("document_version"), Is.EqualTo(versions));

        await HttpAssert.FieldError(await _api.Pm.PostAsync("/api/v1/disclosure/check", Json(
            """{"text":"\u200b\u200b","productType":"Deposit","principalProtected":true,"riskGrade":"R1","documentType":"Contract"}""")), "text");
    }

    [TestCase("multipart/form-data")]
    [TestCase("multipart/form-data; boundary=x")]
    public async Task Upload_MalformedMultipart_Is400NamingBody_Not500(string contentType)
    {
        var code = NewCode();
        var docs = await _api.ProductWithDocumentsAsync(code, types: ["Contract"]);
        var versions = Count("document_version");
        foreach (var url in new[] { $"{Products}/{code}/documents/{docs["Contract"]}/versions", "/api/v1/disclosure/check" })
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nbroken"));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            await HttpAssert.FieldError(await _api.Pm.PostAsync(url, content), "body");
        }

        Assert.That(Count("document_version"), Is.EqualTo(versions));
    }

    [Test]
    public async Task Diff_AgainstItself_Is400NamingAgainst()
    {
        var code = NewCode();
        var docs = await _api.ProductWithDocumentsAsync(code, types: ["Contract"]);
        var url = $"{Products}/{code}/documents/{docs["Contract"]}/versions/1/diff";
        await HttpAssert.FieldError(await _api.Officer.GetAsync(url + "?against=1"), "against");
        await _api.UploadAsync(code, docs["Contract"], Clean["Contract"] + "\n第四条");
        Assert.That((await _api.Officer.GetAsync(url + "?against=2")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a real pair still compares");
    }
}
