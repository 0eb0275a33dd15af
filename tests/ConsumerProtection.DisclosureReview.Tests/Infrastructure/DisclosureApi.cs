using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.DisclosureReview.Tests.Infrastructure;

/// <summary>
/// A host on a fake clock (Monday 2026-03-02, 10:00 Beijing) with one key per actor: product managers of two
/// departments, two compliance officers, an auditor, the product system, a teller (no access) and one key holding
/// both ProductManager and ComplianceOfficer (to show four eyes hold even then).
/// </summary>
internal sealed class DisclosureApi : IDisposable
{
    public const string Products = "/api/v1/disclosure/products";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));

    public ApiFactory Factory { get; private set; } = null!;

    public HttpClient Pm { get; private set; } = null!;

    public HttpClient OtherPm { get; private set; } = null!;

    public HttpClient Officer { get; private set; } = null!;

    public string OfficerId { get; private set; } = "";

    public HttpClient SecondOfficer { get; private set; } = null!;

    public HttpClient Auditor { get; private set; } = null!;

    public HttpClient ProductSystem { get; private set; } = null!;

    public HttpClient Teller { get; private set; } = null!;

    public HttpClient Dual { get; private set; } = null!;

    public static async Task<DisclosureApi> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var api = new DisclosureApi();
        api.Factory = new ApiFactory(settings ?? new() { ["Disclosure:MaxDocumentBytes"] = "65536" }, api.Time);
        async Task<(HttpClient, string)> Key(Role[] roles, string name, string? department = null)
        {
            var (secret, id) = await api.Factory.CreateKeyAsync(roles, name: name, department: department);
            return (api.Factory.WithKey(secret), "key:" + id);
        }

        api.Pm = (await Key([Role.ProductManager], "pm-retail", "RETAIL")).Item1;
        api.OtherPm = (await Key([Role.ProductManager], "pm-cards", "CARDS")).Item1;
        (api.Officer, api.OfficerId) = await Key([Role.ComplianceOfficer], "officer-a");
        api.SecondOfficer = (await Key([Role.ComplianceOfficer], "officer-b")).Item1;
        api.Auditor = (await Key([Role.Auditor], "auditor")).Item1;
        api.ProductSystem = (await Key([Role.SystemClient], "product-system")).Item1;
        api.Teller = (await Key([Role.Teller], "teller")).Item1;
        api.Dual = (await Key([Role.ProductManager, Role.ComplianceOfficer], "pm-and-officer", "RETAIL")).Item1;
        return api;
    }

    public void Dispose()
    {
        foreach (var c in new[] { Pm, OtherPm, Officer, SecondOfficer, Auditor, ProductSystem, Teller, Dual })
        {
            c?.Dispose();
        }

        Factory.Dispose();
    }

    private static int _codes;

    public static string NewCode(string prefix = "DEP") => $"{prefix}-{Interlocked.Increment(ref _codes):D4}";

    public static object Product(string code, string type = "Deposit", bool principal = true, string grade = "R1", string[]? channels = null, string? department = null) =>
        new
        {
            code, name = "稳盈存款 " + code, productType = type, principalProtected = principal, riskGrade = grade, targetCustomers = "个人客户",
            salesChannels = channels ?? ["Counter", "Online"], ownerDepartment = department,
        };

    /// <summary>Texts with no blocker for a principal-protected deposit.</summary>
    public static readonly Dictionary<string, string> Clean = new()
    {
        ["Contract"] = "存款合同\n第一条 本合同约定存款利率及计息方式。\n第二条 服务费用：本产品不收取任何费用。\n第三条 投诉渠道：客服热线95588。",
        ["ProductRules"] = "产品规则\n本产品为人民币定期存款，起存金额50元。\n提前支取按活期利率计息。",
        ["FeeSchedule"] = "收费标准\n本产品不收取账户管理费，费用为零。",
        ["MarketingMaterial"] = "宣传材料\n定期存款，安心储蓄。\n存款受存款保险条例保护。",
    };

    /// <summary>A blocker (BAN-REGULATOR: a claim of regulator endorsement, plan 6 art. 27(2)).</summary>
    public const string Blocker = "本产品已经监管部门批准，请放心购买。";

    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static HttpRequestMessage WithIfMatch(HttpMethod method, string url, string? etag, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return request;
    }

    public static string ETag(HttpResponseMessage response) => response.Headers.ETag!.Tag;

    /// <summary>Creates a product, its documents with one version each; returns the document ids by type.</summary>
    public async Task<Dictionary<string, Guid>> ProductWithDocumentsAsync(string code, HttpClient? pm = null, string[]? types = null, object? product = null)
    {
        pm ??= Pm;
        await Json(await pm.PostAsJsonAsync(Products, product ?? Product(code)), HttpStatusCode.Created);
        var ids = new Dictionary<string, Guid>();
        foreach (var type in types ?? ["Contract", "ProductRules", "FeeSchedule"])
        {
            ids[type] = await DocumentAsync(code, type, Clean[type], pm);
        }

        return ids;
    }

    public async Task<Guid> DocumentAsync(string code, string type, string text, HttpClient? pm = null)
    {
        pm ??= Pm;
        var doc = await Json(await pm.PostAsJsonAsync($"{Products}/{code}/documents", new { documentType = type, language = "zh", title = type }), HttpStatusCode.Created);
        var id = doc.GetProperty("id").GetGuid();
        await UploadAsync(code, id, text, pm);
        return id;
    }

    public async Task<JsonElement> UploadAsync(string code, Guid document, string text, HttpClient? pm = null) =>
        await Json(await (pm ?? Pm).PostAsJsonAsync($"{Products}/{code}/documents/{document}/versions", new { text }), HttpStatusCode.Created);

    public async Task<string> ProductETagAsync(string code, HttpClient? client = null)
    {
        var response = await (client ?? Pm).GetAsync($"{Products}/{code}");
        await Json(response, HttpStatusCode.OK);
        return ETag(response);
    }

    /// <summary>Submits the product; returns the review id and its ETag.</summary>
    public async Task<(Guid Id, string ETag)> SubmitAsync(string code, HttpClient? pm = null)
    {
        pm ??= Pm;
        var response = await pm.SendAsync(WithIfMatch(HttpMethod.Post, $"{Products}/{code}/reviews", await ProductETagAsync(code, pm)));
        var body = await Json(response, HttpStatusCode.Created);
        return (body.GetProperty("id").GetGuid(), ETag(response));
    }

    public static async Task<(HttpResponseMessage Response, string? ETag)> ActAsync(HttpClient client, Guid review, string action, string etag, object? body = null)
    {
        var response = await client.SendAsync(WithIfMatch(HttpMethod.Post, $"/api/v1/disclosure/reviews/{review}/{action}", etag, body));
        return (response, response.Headers.ETag?.Tag);
    }

    /// <summary>Officer takes the review and approves it; returns the review's last ETag.</summary>
    public async Task<string> ApproveAsync(Guid review, string etag)
    {
        var (taken, e1) = await ActAsync(Officer, review, "take", etag);
        await Json(taken, HttpStatusCode.OK);
        var (approved, e2) = await ActAsync(Officer, review, "decision", e1!, new { decision = "Approved", reason = "材料齐全，符合要求。" });
        await Json(approved, HttpStatusCode.OK);
        return e2!;
    }

    public async Task<JsonElement> ClearanceAsync(string code, HttpClient? client = null) =>
        await Json(await (client ?? ProductSystem).GetAsync($"{Products}/{code}/launch-clearance"), HttpStatusCode.OK);

    public static IReadOnlyList<string> ReasonCodes(JsonElement clearance) =>
        clearance.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToList();
}
