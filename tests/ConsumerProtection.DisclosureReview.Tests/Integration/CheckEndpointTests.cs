using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.DisclosureReview.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.DisclosureReview.Tests.Integration;

/// <summary>POST /api/v1/disclosure/check through the real host: JSON text, files, strict input, roles.</summary>
public sealed class CheckEndpointTests
{
    private const string Url = "/api/v1/disclosure/check";
    private ApiFactory _api = null!;
    private HttpClient _pm = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _api = new ApiFactory(new() { ["Disclosure:MaxDocumentBytes"] = "65536" });
        _pm = _api.WithKey((await _api.CreateKeyAsync([Role.ProductManager], name: "pm")).Secret);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _pm.Dispose();
        _api.Dispose();
    }

    private static object Body(string text, string productType = "WealthManagement", object? principalProtected = null, string riskGrade = "R2", string documentType = "MarketingMaterial") =>
        new { text, productType, principalProtected = principalProtected ?? false, riskGrade, documentType };

    private static MultipartFormDataContent Form(byte[] file, string fileName = "draft.docx", string productType = "Deposit", string principal = "true")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(productType), "productType" },
            { new StringContent(principal), "principalProtected" },
            { new StringContent("R1"), "riskGrade" },
            { new StringContent("ProductRules"), "documentType" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        return form;
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Test]
    public async Task Check_JsonText_ReturnsFindingsWithRuleSetVersion()
    {
        var body = await Ok(await _pm.PostAsJsonAsync(Url, Body(Rules.Compliant + "\n本产品保 本保息！")));
        var finding = body.GetProperty("findings").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("ruleSetVersion").GetInt32(), Is.GreaterThanOrEqualTo(1));
            Assert.That(body.GetProperty("format").GetString(), Is.EqualTo("Text"));
            Assert.That(body.GetProperty("counts").GetProperty("blocker").GetInt32(), Is.EqualTo(1));
            Assert.That(finding.GetProperty("ruleId").GetString(), Is.EqualTo("BAN-GUARANTEE"));
            Assert.That(finding.GetProperty("severity").GetString(), Is.EqualTo("Blocker"));
            Assert.That(finding.GetProperty("location").GetProperty("line").GetInt32(), Is.EqualTo(2));
            Assert.That(finding.GetProperty("matched").GetString(), Is.EqualTo("保 本保息"));
        });
    }

    [Test]
    public async Task Check_DocxFile_FindsUnhighlightedLiabilityClauseByParagraph()
    {
        var docx = Fixtures.Docx(
            [new Fixtures.R("第一条 总则")],
            [new Fixtures.R("因不可抗力造成的损失，本行不承担责任。")],
            [new Fixtures.R("因客户泄露密码造成的损失，"), new Fixtures.R("本行不承担责任。", "b")]);
        var body = await Ok(await _pm.PostAsync(Url, Form(docx, "renamed.txt")));
        var findings = body.GetProperty("findings").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("format").GetString(), Is.EqualTo("Docx"));
            Assert.That(findings.Select(f => f.GetProperty("ruleId").GetString()), Is.EqualTo(new[] { "LIAB-HIGHLIGHT" }));
            Assert.That(findings[0].GetProperty("location").GetProperty("paragraph").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Check_RefusedFiles_AnswerProblemWithCodeAndField()
    {
        var macro = Fixtures.WithEntries(Fixtures.Docx("正文"), ("word/vbaProject.bin", "x"));
        var problem = await HttpAssert.Problem(await _pm.PostAsync(Url, Form(macro)), 400);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("macro-enabled"));
            Assert.That(problem.GetProperty("errors").TryGetProperty("file", out _), Is.True);
        });
        var pdf = await HttpAssert.Problem(await _pm.PostAsync(Url, Form(Fixtures.ImageOnlyPdf(), "scan.pdf")), 400);
        Assert.That(pdf.GetProperty("code").GetString(), Is.EqualTo("no-text-layer"));
    }

    [Test]
    public async Task Check_FileOverMaxDocumentBytes_Is413()
    {
        var big = System.Text.Encoding.UTF8.GetBytes(new string('字', 30_000));
        var problem = await HttpAssert.Problem(await _pm.PostAsync(Url, Form(big, "big.txt")), 413);
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("too-large"));
    }

    [TestCase("productType", "\"WealthManagement,Loan\"")]
    [TestCase("productType", "1")]
    [TestCase("productType", "\"wealthmanagement\"")]
    [TestCase("riskGrade", "\"R6\"")]
    [TestCase("documentType", "\"0\"")]
    [TestCase("principalProtected", "\"false\"")]
    [TestCase("principalProtected", "null")]
    [TestCase("text", "\"\"")]
    public async Task Check_BadField_Is400NamingTheField(string field, string json)
    {
        var fields = new Dictionary<string, string>
        {
            ["text"] = "\"保本\"", ["productType"] = "\"WealthManagement\"", ["principalProtected"] = "false", ["riskGrade"] = "\"R2\"", ["documentType"] = "\"MarketingMaterial\"",
        };
        fields[field] = json;
        var body = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
        await HttpAssert.FieldError(await _pm.PostAsync(Url, HttpAssert.Json(body)), field);
    }

    [Test]
    public async Task Check_UnknownMember_Is400()
    {
        var response = await _pm.PostAsync(Url, HttpAssert.Json("{\"text\":\"a\",\"productType\":\"Deposit\",\"principalProtected\":true,\"riskGrade\":\"R1\",\"documentType\":\"Contract\",\"store\":true}"));
        await HttpAssert.Problem(response, 400);
    }

    [Test]
    public async Task Check_FormWithBadEnumOrUnknownField_Is400()
    {
        await HttpAssert.FieldError(await _pm.PostAsync(Url, Form(Fixtures.Docx("正文"), productType: "Deposit,Loan")), "productType");
        await HttpAssert.FieldError(await _pm.PostAsync(Url, Form(Fixtures.Docx("正文"), principal: "yes")), "principalProtected");
        var form = Form(Fixtures.Docx("正文"));
        form.Add(new StringContent("x"), "owner");
        await HttpAssert.FieldError(await _pm.PostAsync(Url, form), "owner");
    }

    [TestCase(Role.Teller)]
    [TestCase(Role.Auditor)]
    [TestCase(Role.PrivacyOfficer)]
    public async Task Check_OtherRoles_Are403(Role role)
    {
        using var client = _api.WithKey((await _api.CreateKeyAsync([role], name: role.ToString())).Secret);
        await HttpAssert.Problem(await client.PostAsJsonAsync(Url, Body("保本")), 403);
    }

    [Test]
    public async Task Check_StoresNothing()
    {
        await Ok(await _pm.PostAsJsonAsync(Url, Body(Rules.Compliant)));
        using var c = _api.OpenFile("disclosure");
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        var tables = new List<string>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                tables.Add(r.GetString(0));
            }
        }

        // Only the seeded rule set and its audit row exist; no table of products, documents or versions holds a row.
        var stores = tables.Where(t => !t.StartsWith("schemaversions", StringComparison.OrdinalIgnoreCase) && !t.StartsWith("sqlite_", StringComparison.Ordinal)
            && t is not ("audit_log" or "rule_set")).ToList();
        Assert.That(stores, Does.Contain("document_version"));
        foreach (var table in stores)
        {
            cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
            Assert.That(Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), Is.Zero, table);
        }

        cmd.CommandText = "SELECT COUNT(*) FROM audit_log WHERE action <> 'rule-set.seeded'";
        Assert.That(Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), Is.Zero);
    }
}
