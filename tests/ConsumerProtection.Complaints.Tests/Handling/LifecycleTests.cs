using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Handling;

public sealed class LifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));
    private ApiFactory _factory = null!;
    private FakeTimeProvider _time = null!;
    private HttpClient _supervisor = null!;
    private HttpClient _handler = null!;
    private string _handlerId = "";

    [SetUp]
    public async Task Start()
    {
        _time = new FakeTimeProvider(Now);
        _factory = new ApiFactory(time: _time);
        (_supervisor, _) = await ComplaintsApi.ClientAsync(_factory, [Role.ComplaintSupervisor]);
        (_handler, _handlerId) = await ComplaintsApi.ClientAsync(_factory, [Role.ComplaintHandler], department: "cards-team");
    }

    [TearDown]
    public void Stop()
    {
        _supervisor.Dispose();
        _handler.Dispose();
        _factory.Dispose();
    }

    private async Task<Guid> FileAsync(Action<Dictionary<string, object?>>? change = null) =>
        (await ComplaintsApi.FileAsync(_supervisor, ComplaintsApi.Body(Now, change))).GetProperty("id").GetGuid();

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<JsonElement> AssignAndStartAsync(Guid id)
    {
        await Ok(await ComplaintsApi.ActAsync(_supervisor, id, "assign", 1, new { departmentId = "cards-team", handlerId = _handlerId }));
        return await Ok(await ComplaintsApi.ActAsync(_handler, id, "start", 2));
    }

    [Test]
    public async Task FullPath_ReceivedToClosed_WithETags_AndAudit()
    {
        var id = await FileAsync();
        await AssignAndStartAsync(id);
        _time.Advance(TimeSpan.FromDays(2));
        var responded = await Ok(await ComplaintsApi.ActAsync(_handler, id, "respond", 3, new { outcome = "MonetaryRelief", responseText = "退还年费300元" }));
        var followed = await Ok(await ComplaintsApi.ActAsync(_handler, id, "follow-up", 4, new { satisfied = true, satisfactionScore = 5 }));
        using var close = await ComplaintsApi.ActAsync(_handler, id, "close", 5, new
        {
            rootCause = "年费政策告知不到位", remediation = "修订开卡告知书", accountability = "网点主管通报", upheld = "Partly", redressPaid = 300.00m,
        });
        var closed = await Ok(close);
        Assert.Multiple(() =>
        {
            Assert.That(responded.GetProperty("status").GetString(), Is.EqualTo("Responded"));
            Assert.That(followed.GetProperty("satisfactionScore").GetInt32(), Is.EqualTo(5));
            Assert.That(closed.GetProperty("status").GetString(), Is.EqualTo("Closed"));
            Assert.That(closed.GetProperty("redressPaid").GetProperty("amount").GetDecimal(), Is.EqualTo(300m));
            Assert.That(closed.GetProperty("version").GetInt64(), Is.EqualTo(6));
            Assert.That(close.Headers.ETag!.Tag, Is.EqualTo("\"6\""));
            Assert.That(closed.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "Reopen" }));
        });
        var timeline = await _supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}/timeline");
        Assert.That(timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()), Is.EqualTo(new[]
        {
            "complaint.received", "complaint.assign", "complaint.start", "complaint.respond", "complaint.follow-up", "complaint.close",
        }));
    }

    [Test]
    public async Task IllegalTransition_Answers409_NamingStateAndAllowedActions_ChangesNothing()
    {
        var id = await FileAsync();
        var body = await HttpAssert.Problem(await ComplaintsApi.ActAsync(_supervisor, id, "respond", 1, new { outcome = "ClosedWithExplanation", responseText = "x" }), 409);
        Assert.That(body.GetProperty("currentStatus").GetString(), Is.EqualTo("Received"));
        Assert.That(body.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()), Does.Contain("Assign").And.Not.Contain("Respond"));
        var after = await _supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");
        Assert.That(after.GetProperty("version").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task StaleETag_Answers412_MissingIfMatch428()
    {
        var id = await FileAsync();
        await Ok(await ComplaintsApi.ActAsync(_supervisor, id, "assign", 1, new { departmentId = "cards-team", handlerId = _handlerId }));
        var stale = await HttpAssert.Problem(await ComplaintsApi.ActAsync(_supervisor, id, "assign", 1, new { departmentId = "cards-team", handlerId = _handlerId }), 412);
        Assert.That(stale.GetProperty("currentETag").GetString(), Is.EqualTo("\"2\""));
        using var missing = await _supervisor.PostAsJsonAsync($"/api/v1/complaints/{id}/assign", new { departmentId = "cards-team", handlerId = _handlerId });
        await HttpAssert.Problem(missing, 428);
        var after = await _supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");
        Assert.That(after.GetProperty("handlerId").GetString(), Is.EqualTo(_handlerId));
    }

    [Test]
    public async Task Assign_StaffComplainedAbout_Answers409()
    {
        var id = await FileAsync(b => b["staffComplainedAbout"] = _handlerId);
        var body = await HttpAssert.Problem(await ComplaintsApi.ActAsync(_supervisor, id, "assign", 1, new { departmentId = "cards-team", handlerId = _handlerId }), 409);
        Assert.That(body.GetProperty("detail").GetString(), Does.Contain("Conflict of interest"));
    }

    [Test]
    public async Task OtherHandler_CannotActOnTheCase_Answers403()
    {
        var id = await FileAsync();
        await AssignAndStartAsync(id);
        var (other, _) = await ComplaintsApi.ClientAsync(_factory, [Role.ComplaintHandler], department: "cards-team");
        using (other)
        {
            await HttpAssert.Problem(await ComplaintsApi.ActAsync(other, id, "respond", 3, new { outcome = "ClosedWithExplanation", responseText = "x" }), 403);
        }
    }

    [Test]
    public async Task ExtendInternal_BySupervisorOnce_NotByTheHandler()
    {
        var id = await FileAsync();
        await AssignAndStartAsync(id);
        var extended = await Ok(await ComplaintsApi.ActAsync(_supervisor, id, "extend-internal", 3, new { reason = "需调取监控录像" }));
        // 10 working days after Thu Mar 5: Thu Mar 19.
        Assert.That(extended.GetProperty("deadlines").GetProperty("internalDueAt").GetDateTimeOffset(),
            Is.EqualTo(new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.FromHours(8))));
        await HttpAssert.Problem(await ComplaintsApi.ActAsync(_supervisor, id, "extend-internal", 4, new { reason = "again" }), 409);
        await HttpAssert.Problem(await ComplaintsApi.ActAsync(_handler, id, "extend-internal", 4, new { reason = "mine" }), 403);
    }

    [Test]
    public async Task ExtendRegulatory_SecondNeedsAdminAndConsumerNotified()
    {
        var id = await FileAsync();
        var first = await Ok(await ComplaintsApi.ActAsync(_supervisor, id, "extend-regulatory", 1, new { reason = "复杂案件" }));
        Assert.That(first.GetProperty("deadlines").GetProperty("regulatoryDueAt").GetDateTimeOffset(),
            Is.EqualTo(new DateTimeOffset(2026, 4, 5, 0, 0, 0, TimeSpan.FromHours(8))));
        await HttpAssert.Problem(await ComplaintsApi.ActAsync(_supervisor, id, "extend-regulatory", 2, new { reason = "更多", consumerNotified = true }), 403);
        using var admin = _factory.Admin();
        await HttpAssert.Problem(await ComplaintsApi.ActAsync(admin, id, "extend-regulatory", 2, new { reason = "更多" }), 409);
        var second = await Ok(await ComplaintsApi.ActAsync(admin, id, "extend-regulatory", 2, new { reason = "更多", consumerNotified = true }));
        Assert.That(second.GetProperty("deadlines").GetProperty("regulatoryDueAt").GetDateTimeOffset(),
            Is.EqualTo(new DateTimeOffset(2026, 5, 5, 0, 0, 0, TimeSpan.FromHours(8))));
        await HttpAssert.Problem(await ComplaintsApi.ActAsync(admin, id, "extend-regulatory", 3, new { reason = "third", consumerNotified = true }), 409);
    }

    [Test]
    public async Task Reopen_WithinWindow_ThenNotAfter()
    {
        var id = await FileAsync();
        await AssignAndStartAsync(id);
        await Ok(await ComplaintsApi.ActAsync(_handler, id, "respond", 3, new { outcome = "ClosedWithExplanation", responseText = "已解释" }));
        var reopened = await Ok(await ComplaintsApi.ActAsync(_handler, id, "reopen", 4, new { reason = "客户不认可" }));
        Assert.That(reopened.GetProperty("status").GetString(), Is.EqualTo("Reopened"));
        await Ok(await ComplaintsApi.ActAsync(_handler, id, "start", 5));
        await Ok(await ComplaintsApi.ActAsync(_handler, id, "respond", 6, new { outcome = "NonMonetaryRelief", responseText = "更正征信" }));
        _time.Advance(TimeSpan.FromDays(31));
        var late = await HttpAssert.Problem(await ComplaintsApi.ActAsync(_handler, id, "reopen", 7, new { reason = "again" }), 409);
        Assert.That(late.GetProperty("detail").GetString(), Does.Contain("30 days"));
    }

    [Test]
    public async Task Escalate_Refer_Withdraw()
    {
        var id = await FileAsync();
        await AssignAndStartAsync(id);
        var escalated = await Ok(await ComplaintsApi.ActAsync(_supervisor, id, "escalate", 3, new { reason = "督办", respondBy = Now.AddDays(1) }));
        Assert.That(escalated.GetProperty("status").GetString(), Is.EqualTo("InProgress"));
        Assert.That(escalated.GetProperty("escalationReason").GetString(), Is.EqualTo("督办"));
        await HttpAssert.Problem(await ComplaintsApi.ActAsync(_handler, id, "escalate", 4, new { reason = "x", respondBy = Now.AddDays(1) }), 403);
        var referred = await Ok(await ComplaintsApi.ActAsync(_handler, id, "refer", 4, new { route = "Mediation" }));
        Assert.That(referred.GetProperty("status").GetString(), Is.EqualTo("Referred"));
        var outcome = await Ok(await ComplaintsApi.ActAsync(_handler, id, "referral-outcome", 5, new { outcome = "MonetaryRelief", responseText = "调解达成协议" }));
        Assert.That(outcome.GetProperty("status").GetString(), Is.EqualTo("Responded"));
        Assert.That(outcome.GetProperty("referralOutcome").GetString(), Is.EqualTo("调解达成协议"));
        var withdrawn = await Ok(await ComplaintsApi.ActAsync(_supervisor, id, "withdraw", 6, new { reason = "客户撤诉" }));
        Assert.That(withdrawn.GetProperty("status").GetString(), Is.EqualTo("Withdrawn"));
        await HttpAssert.Problem(await ComplaintsApi.ActAsync(_supervisor, id, "assign", 7, new { departmentId = "cards-team", handlerId = _handlerId }), 409);
    }

    [Test]
    public async Task Action_BadBody_Answers400_BeforeAnyChange()
    {
        var id = await FileAsync();
        await HttpAssert.FieldError(await ComplaintsApi.ActAsync(_supervisor, id, "assign", 1, new { departmentId = "x" }), "handlerId");
        await HttpAssert.FieldError(await ComplaintsApi.ActAsync(_supervisor, id, "escalate", 1, new { reason = "r" }), "respondBy");
        var after = await _supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");
        Assert.That(after.GetProperty("version").GetInt64(), Is.EqualTo(1));
    }
}
