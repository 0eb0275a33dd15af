using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Intake;

public sealed partial class IntakeTests
{
    // Thursday 2026-03-05 10:00 in Shanghai.
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));
    private ApiFactory _factory = null!;
    private FakeTimeProvider _time = null!;
    private HttpClient _supervisor = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _time = new FakeTimeProvider(Now);
        _factory = new ApiFactory(time: _time);
        (_supervisor, _) = await ComplaintsApi.ClientAsync(_factory, [Role.ComplaintSupervisor]);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _supervisor.Dispose();
        _factory.Dispose();
    }

    private async Task<long> CountAsync() =>
        (await _supervisor.GetFromJsonAsync<JsonElement>("/api/v1/complaints?pageSize=1")).GetProperty("total").GetInt64();

    [Test]
    public async Task File_Valid_AnswersReferenceAndBothDeadlines()
    {
        using var response = await _supervisor.PostAsJsonAsync("/api/v1/complaints", ComplaintsApi.Body(Now.AddHours(-1)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("reference").GetString(), Does.Match(ReferencePattern()));
            Assert.That(body.GetProperty("reference").GetString(), Does.StartWith("CP-20260305-"));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Received"));
            // 5 working days after Thu Mar 5: Mar 12 (Thu), due by the end of that local day.
            Assert.That(body.GetProperty("deadlines").GetProperty("internalDueAt").GetDateTimeOffset(),
                Is.EqualTo(new DateTimeOffset(2026, 3, 13, 0, 0, 0, TimeSpan.FromHours(8))));
            // 15 calendar days: end of Mar 20.
            Assert.That(body.GetProperty("deadlines").GetProperty("regulatoryDueAt").GetDateTimeOffset(),
                Is.EqualTo(new DateTimeOffset(2026, 3, 21, 0, 0, 0, TimeSpan.FromHours(8))));
            Assert.That(body.GetProperty("deadlines").GetProperty("policy").GetString(), Is.EqualTo("bank-2026"));
            Assert.That(body.GetProperty("amountInDispute").GetProperty("amount").GetDecimal(), Is.EqualTo(300.50m));
            Assert.That(response.Headers.Location!.ToString(), Does.EndWith(body.GetProperty("id").GetString()!));
        });
        using var get = await _supervisor.GetAsync(response.Headers.Location);
        Assert.That(get.Headers.ETag!.Tag, Is.EqualTo("\"1\""));
    }

    [Test]
    public async Task File_UnicodeText_RoundTripsExactly()
    {
        const string name = "李娜 👩‍🦳 مرحبا שלום";
        const string description = "手机银行转账失败，资金未到账 💸 — العربية עברית ‏RTL‏ mark";
        var filed = await ComplaintsApi.FileAsync(_supervisor, ComplaintsApi.Body(Now, b =>
        {
            b["description"] = description;
            b["consumer"] = new Dictionary<string, object?> { ["name"] = name, ["email"] = "li.na@example.cn" };
        }));
        var id = filed.GetProperty("id").GetGuid();
        var complaint = await _supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");
        var consumer = await _supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}/consumer");
        Assert.That(complaint.GetProperty("description").GetString(), Is.EqualTo(description));
        Assert.That(consumer.GetProperty("name").GetString(), Is.EqualTo(name));
    }

    private static readonly object[] BadBodies =
    [
        new object[] { "businessType", (Action<Dictionary<string, object?>>)(b => b["businessType"] = "B999") },
        new object[] { "reason", (Action<Dictionary<string, object?>>)(b => b["reason"] = "A1") },
        new object[] { "businessChannel", (Action<Dictionary<string, object?>>)(b => b.Remove("businessChannel")) },
        new object[] { "receivedAt", (Action<Dictionary<string, object?>>)(b => b["receivedAt"] = Now.AddHours(1)) },
        new object[] { "receivedAt", (Action<Dictionary<string, object?>>)(b => b.Remove("receivedAt")) },
        new object[] { "receivedAt", (Action<Dictionary<string, object?>>)(b => b["receivedAt"] = "2026-03-05T10:00:00") },
        new object[] { "amountInDispute", (Action<Dictionary<string, object?>>)(b => b["amountInDispute"] = -1m) },
        new object[] { "amountInDispute", (Action<Dictionary<string, object?>>)(b => b["amountInDispute"] = 1.005m) },
        new object[] { "amountInDispute", (Action<Dictionary<string, object?>>)(b => b["amountInDispute"] = "300") },
        new object[] { "currency", (Action<Dictionary<string, object?>>)(b => b["currency"] = "rmb") },
        new object[] { "description", (Action<Dictionary<string, object?>>)(b => b["description"] = new string('诉', 4001)) },
        new object[] { "productName", (Action<Dictionary<string, object?>>)(b => b["productName"] = "") },
        new object[] { "intakeChannel", (Action<Dictionary<string, object?>>)(b => b["intakeChannel"] = "Pigeon") },
        new object[] { "consumer", (Action<Dictionary<string, object?>>)(b => b.Remove("consumer")) },
        new object[] { "consumer.phone", (Action<Dictionary<string, object?>>)(b => b["consumer"] = new Dictionary<string, object?> { ["name"] = "x" }) },
        new object[] { "consumer.email", (Action<Dictionary<string, object?>>)(b => b["consumer"] = new Dictionary<string, object?> { ["name"] = "x", ["email"] = "not-an-email" }) },
        new object[] { "consumer.idNumber", (Action<Dictionary<string, object?>>)(b => b["consumer"] = new Dictionary<string, object?> { ["name"] = "x", ["phone"] = "13800001111", ["idType"] = "ResidentId" }) },
        new object[] { "regulatorCaseId", (Action<Dictionary<string, object?>>)(b => b["intakeChannel"] = "RegulatorTransfer") },
        new object[] { "relatedComplaintId", (Action<Dictionary<string, object?>>)(b => b["relatedComplaintId"] = Guid.NewGuid()) },
        new object[] { "surprise", (Action<Dictionary<string, object?>>)(b => b["surprise"] = 1) },
    ];

    [TestCaseSource(nameof(BadBodies))]
    public async Task File_BadInput_Answers400WithField_StoresNothing(string field, Action<Dictionary<string, object?>> change)
    {
        var before = await CountAsync();
        using var response = await _supervisor.PostAsJsonAsync("/api/v1/complaints", ComplaintsApi.Body(Now, change));
        await HttpAssert.FieldError(response, field);
        Assert.That(await CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task File_Teller_OwnBranchOnly()
    {
        var (teller, _) = await ComplaintsApi.ClientAsync(_factory, [Role.Teller], branch: "BJ007");
        using (teller)
        {
            var filed = await ComplaintsApi.FileAsync(teller, ComplaintsApi.Body(Now, b => b.Remove("branchId")));
            Assert.That(filed.GetProperty("branchId").GetString(), Is.EqualTo("BJ007"));
            using var other = await teller.PostAsJsonAsync("/api/v1/complaints", ComplaintsApi.Body(Now, b => b["branchId"] = "SH001"));
            await HttpAssert.FieldError(other, "branchId");
        }
    }

    [Test]
    public async Task File_IdempotencyKey_RetryReturnsFirst_OtherBody422()
    {
        var key = Guid.NewGuid().ToString();
        var body = ComplaintsApi.Body(Now, b => b["productCode"] = "IDEM-1");
        async Task<HttpResponseMessage> Post(Dictionary<string, object?> b)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints") { Content = JsonContent.Create(b) };
            request.Headers.Add("Idempotency-Key", key);
            return await _supervisor.SendAsync(request);
        }

        var before = await CountAsync();
        using var first = await Post(body);
        using var second = await Post(body);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString(),
            Is.EqualTo((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()));
        using var third = await Post(ComplaintsApi.Body(Now, b => b["productCode"] = "IDEM-2"));
        await HttpAssert.Problem(third, 422);
        Assert.That(await CountAsync(), Is.EqualTo(before + 1));
    }

    [Test]
    public async Task File_SameConsumerAndProductWithin30Days_IsLinkedAsRepeat()
    {
        var phone = "+86 139 1234 " + Random.Shared.Next(1000, 9999);
        var first = await ComplaintsApi.FileAsync(_supervisor, ComplaintsApi.Body(Now.AddDays(-10), b =>
        {
            b["productCode"] = "LOAN-REPEAT";
            b["consumer"] = new Dictionary<string, object?> { ["name"] = "赵六", ["phone"] = phone };
        }));
        var repeat = await ComplaintsApi.FileAsync(_supervisor, ComplaintsApi.Body(Now, b =>
        {
            b["productCode"] = "LOAN-REPEAT";
            b["consumer"] = new Dictionary<string, object?> { ["name"] = "赵六", ["phone"] = phone.Replace(" ", "-", StringComparison.Ordinal) };
        }));
        var otherProduct = await ComplaintsApi.FileAsync(_supervisor, ComplaintsApi.Body(Now, b =>
        {
            b["productCode"] = "LOAN-OTHER";
            b["consumer"] = new Dictionary<string, object?> { ["name"] = "赵六", ["phone"] = phone };
        }));
        Assert.Multiple(() =>
        {
            Assert.That(repeat.GetProperty("isRepeat").GetBoolean(), Is.True);
            Assert.That(repeat.GetProperty("repeatOfId").GetGuid(), Is.EqualTo(first.GetProperty("id").GetGuid()));
            Assert.That(repeat.GetProperty("id").GetGuid(), Is.Not.EqualTo(first.GetProperty("id").GetGuid()), "linked, not merged");
            Assert.That(otherProduct.GetProperty("isRepeat").GetBoolean(), Is.False);
        });
    }

    [TestCase("email")]
    [TestCase("id")]
    public async Task File_SameConsumerByEmailOrId_IsLinkedAsRepeat(string identifier)
    {
        Dictionary<string, object?> Consumer(string phone) => identifier == "email"
            ? new() { ["name"] = "孙七", ["email"] = "sun.qi@example.cn" }
            : new() { ["name"] = "孙七", ["phone"] = phone, ["idType"] = "ResidentId", ["idNumber"] = "11010519491231002X" };
        var product = "DEP-" + identifier.ToUpperInvariant();
        var first = await ComplaintsApi.FileAsync(_supervisor, ComplaintsApi.Body(Now.AddDays(-3), b => { b["productCode"] = product; b["consumer"] = Consumer("+86 135 0000 0001"); }));
        var repeat = await ComplaintsApi.FileAsync(_supervisor, ComplaintsApi.Body(Now, b => { b["productCode"] = product; b["consumer"] = Consumer("+86 135 0000 0002"); }));
        Assert.That(repeat.GetProperty("repeatOfId").GetGuid(), Is.EqualTo(first.GetProperty("id").GetGuid()));
    }

    [Test]
    public async Task File_SameRegulatorCaseTwice_Answers409_StoresOnce()
    {
        var body = ComplaintsApi.Body(Now, b => { b["intakeChannel"] = "RegulatorTransfer"; b["regulatorCaseId"] = "12378-2026-000123"; });
        var before = await CountAsync();
        await ComplaintsApi.FileAsync(_supervisor, body);
        using var again = await _supervisor.PostAsJsonAsync("/api/v1/complaints", body);
        var problem = await HttpAssert.Problem(again, 409);
        Assert.That(problem.GetProperty("regulatorCaseId").GetString(), Is.EqualTo("12378-2026-000123"));
        Assert.That(await CountAsync(), Is.EqualTo(before + 1));
    }

    [GeneratedRegex(@"^CP-\d{8}-\d{6}$")]
    private static partial Regex ReferencePattern();
}
