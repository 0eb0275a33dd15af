using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.Complaints.Infrastructure.Retention;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Complaints.Tests.Attachments;

/// <summary>Scanned documents on a complaint: sniffed, hashed, sealed at rest, scoped, download logged, disposed with the complaint.</summary>
internal sealed class AttachmentsTests : ClockedApiTest
{
    private static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private async Task<Guid> FileAsync(HttpClient client) =>
        (await ComplaintsApi.FileAsync(client, ComplaintsApi.Body(Received))).GetProperty("id").GetGuid();

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, byte[] bytes, string name, string claimedType = "application/pdf")
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(claimedType);
        form.Add(part, "file", name);
        return client.PostAsync($"/api/v1/complaints/{id}/attachments", form);
    }

    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<x/>");
            }
        }

        return buffer.ToArray();
    }

    private long Count(string sql)
    {
        using var db = Factory.OpenFile("complaints");
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    [Test]
    public async Task Upload_Pdf_And_Docx_Sniffed_Hashed_SealedAtRest_Listed_Downloaded_AndLogged()
    {
        var id = await FileAsync(Admin);
        using var created = await UploadAsync(Admin, id, PdfBytes, "来信扫描.pdf", claimedType: "image/png");
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var pdf = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(pdf.GetProperty("contentType").GetString(), Is.EqualTo("application/pdf"), "the bytes decide, not the claimed type");
        Assert.That(pdf.GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(PdfBytes))));
        Assert.That(pdf.GetProperty("sizeBytes").GetInt64(), Is.EqualTo(PdfBytes.Length));

        using var docx = await UploadAsync(Admin, id, Zip("[Content_Types].xml", "word/document.xml"), "receipt.docx", "application/octet-stream");
        Assert.That((await docx.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contentType").GetString(), Does.Contain("wordprocessingml"));

        Assert.Multiple(() =>
        {
            Assert.That(Count("SELECT COUNT(*) FROM complaint_attachment WHERE content LIKE 'enc:v1:%' AND file_name LIKE 'enc:v1:%'"), Is.EqualTo(2));
            Assert.That(Count($"SELECT COUNT(*) FROM complaint_attachment WHERE content LIKE '%{Convert.ToBase64String(PdfBytes)[..16]}%'"), Is.Zero);
        });

        var list = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}/attachments");
        Assert.That(list.GetProperty("total").GetInt64(), Is.EqualTo(2));
        Assert.That(list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fileName").GetString()),
            Is.EquivalentTo(new[] { "来信扫描.pdf", "receipt.docx" }));

        using var download = await Admin.GetAsync($"/api/v1/complaints/{id}/attachments/{pdf.GetProperty("id").GetGuid()}/content");
        var body = await download.Content.ReadAsByteArrayAsync();
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK), Encoding.UTF8.GetString(body));
        Assert.That(body, Is.EqualTo(PdfBytes));
        Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        var audit = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit/complaints/records?entityId={id}&action=complaint.attachment-downloaded");
        Assert.That(audit.GetProperty("total").GetInt64(), Is.EqualTo(1));
        var all = await Admin.GetStringAsync($"/api/v1/audit/complaints/records?entityId={id}");
        Assert.That(all, Does.Not.Contain("来信扫描"), "no file name in the audit trail");
    }

    [Test]
    public async Task Upload_NotAnAllowedKind_Is415_AboveTenMiB_Is413_TenMiBFits()
    {
        var id = await FileAsync(Admin);
        await HttpAssert.Problem(await UploadAsync(Admin, id, Encoding.UTF8.GetBytes("MZ\x90 not a document"), "letter.pdf"), 415);
        await HttpAssert.Problem(await UploadAsync(Admin, id, Zip("[Content_Types].xml", "evil/payload.xml"), "x.docx"), 415);
        var big = new byte[10 * 1024 * 1024 + 1];
        PdfBytes.CopyTo(big, 0);
        await HttpAssert.Problem(await UploadAsync(Admin, id, big, "big.pdf"), 413);
        Assert.That(Count("SELECT COUNT(*) FROM complaint_attachment"), Is.Zero);

        // Exactly the 10 MiB default is accepted (well above the host's 1 MiB default body limit).
        using var largest = await UploadAsync(Admin, id, big[..^1], "largest.pdf");
        Assert.That(largest.StatusCode, Is.EqualTo(HttpStatusCode.Created), await largest.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Attachments_OutsideScope_Are404()
    {
        var (sh, _) = await ComplaintsApi.ClientAsync(Factory, [Role.Teller], branch: "SH001");
        var (bj, _) = await ComplaintsApi.ClientAsync(Factory, [Role.Teller], branch: "BJ007");
        using (sh)
        using (bj)
        {
            var id = await FileAsync(sh);
            using var created = await UploadAsync(sh, id, PdfBytes, "a.pdf");
            var attachment = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await HttpAssert.Problem(await bj.GetAsync($"/api/v1/complaints/{id}/attachments"), 404);
            await HttpAssert.Problem(await bj.GetAsync($"/api/v1/complaints/{id}/attachments/{attachment}/content"), 404);
            await HttpAssert.Problem(await UploadAsync(bj, id, PdfBytes, "b.pdf"), 404);
            await HttpAssert.Problem(await sh.GetAsync($"/api/v1/complaints/{id}/attachments/{Guid.NewGuid()}/content"), 404);
        }
    }

    [Test]
    public async Task Attachments_DisposedWithTheComplaint()
    {
        var id = await FileAsync(Admin);
        (await UploadAsync(Admin, id, PdfBytes, "a.pdf")).EnsureSuccessStatusCode();
        (await ComplaintsApi.ActAsync(Admin, id, "withdraw", 1, new { reason = "撤诉" })).EnsureSuccessStatusCode();
        await Factory.Services.GetRequiredService<ComplaintRetentionSource>().DisposeAsync(id.ToString(), CancellationToken.None);
        Assert.That(Count("SELECT COUNT(*) FROM complaint_attachment"), Is.Zero);
    }
}
