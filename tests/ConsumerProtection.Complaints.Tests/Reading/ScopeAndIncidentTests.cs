using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Reading;

public sealed class ScopeAndIncidentTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));

    [Test]
    public async Task Teller_SeesOwnBranchOnly_OtherBranchIs404()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        var (sh, _) = await ComplaintsApi.ClientAsync(factory, [Role.Teller], branch: "SH001");
        var (bj, _) = await ComplaintsApi.ClientAsync(factory, [Role.Teller], branch: "BJ007");
        using (sh)
        using (bj)
        {
            var mine = await ComplaintsApi.FileAsync(sh, ComplaintsApi.Body(Now));
            var theirs = await ComplaintsApi.FileAsync(bj, ComplaintsApi.Body(Now, b => b["branchId"] = "BJ007"));
            var id = theirs.GetProperty("id").GetGuid();
            await HttpAssert.Problem(await sh.GetAsync($"/api/v1/complaints/{id}"), 404);
            await HttpAssert.Problem(await sh.GetAsync($"/api/v1/complaints/{id}/consumer"), 404);
            await HttpAssert.Problem(await sh.GetAsync($"/api/v1/complaints/by-reference/{theirs.GetProperty("reference").GetString()}"), 404);
            await HttpAssert.Problem(await ComplaintsApi.ActAsync(sh, id, "withdraw", 1, new { reason = "x" }), 404);
            var list = await sh.GetFromJsonAsync<JsonElement>("/api/v1/complaints");
            Assert.That(list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()),
                Is.EqualTo(new[] { mine.GetProperty("id").GetGuid() }));
        }
    }

    [Test]
    public async Task Handler_SeesAssignedAndOwnDepartment()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        var (handler, handlerId) = await ComplaintsApi.ClientAsync(factory, [Role.ComplaintHandler], department: "loans");
        using (handler)
        {
            var a = (await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now))).GetProperty("id").GetGuid();
            var b = (await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now))).GetProperty("id").GetGuid();
            var c = (await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now))).GetProperty("id").GetGuid();
            (await ComplaintsApi.ActAsync(admin, a, "assign", 1, new { departmentId = "loans", handlerId })).EnsureSuccessStatusCode();
            var (_, someone) = await ComplaintsApi.ClientAsync(factory, [Role.ComplaintHandler], department: "loans");
            (await ComplaintsApi.ActAsync(admin, b, "assign", 1, new { departmentId = "loans", handlerId = someone })).EnsureSuccessStatusCode();
            Assert.That((await handler.GetAsync($"/api/v1/complaints/{a}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await handler.GetAsync($"/api/v1/complaints/{b}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await handler.GetAsync($"/api/v1/complaints/{c}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            var list = await handler.GetFromJsonAsync<JsonElement>("/api/v1/complaints");
            Assert.That(list.GetProperty("total").GetInt64(), Is.EqualTo(2));

            // A handler bound to no department sees what is assigned to them only.
            var (roamer, roamerId) = await ComplaintsApi.ClientAsync(factory, [Role.ComplaintHandler]);
            using (roamer)
            {
                (await ComplaintsApi.ActAsync(admin, c, "assign", 1, new { departmentId = "cards", handlerId = roamerId })).EnsureSuccessStatusCode();
                Assert.That((await roamer.GetAsync($"/api/v1/complaints/{c}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That((await roamer.GetAsync($"/api/v1/complaints/{a}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            }
        }
    }

    [TestCase(Role.Regulator)]
    [TestCase(Role.Auditor)]
    [TestCase(Role.PrivacyOfficer)]
    public async Task NonComplaintRoles_AreForbidden(Role role)
    {
        using var factory = new ApiFactory();
        var (client, _) = await ComplaintsApi.ClientAsync(factory, [role]);
        using (client)
        {
            await HttpAssert.Problem(await client.GetAsync("/api/v1/complaints"), 403);
            await HttpAssert.Problem(await client.PostAsJsonAsync("/api/v1/complaints", ComplaintsApi.Body(Now)), 403);
        }
    }

    [Test]
    public async Task ConsumerDetails_ReadIsAudited()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        var id = (await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now))).GetProperty("id").GetGuid();
        var consumer = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}/consumer");
        Assert.That(consumer.GetProperty("phone").GetString(), Is.EqualTo("+8613800001111"));
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit/complaints/records?entityId={id}&action=complaint.consumer-viewed");
        Assert.That(audit.GetProperty("total").GetInt64(), Is.EqualTo(1));
        // The audit trail of the complaint itself carries no personal data.
        var all = await admin.GetStringAsync($"/api/v1/audit/complaints/records?entityId={id}");
        Assert.That(all, Does.Not.Contain("13800001111").And.Not.Contain("王芳"));
    }

    [Test]
    public async Task Incidents_FlagOpensAtOnce_VolumeRuleOpensOncePerWindow_AckAndReport()
    {
        using var factory = new ApiFactory(new() { ["Complaints:MajorIncident:Threshold"] = "3", ["Complaints:MajorIncident:WindowDays"] = "7" },
            new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now, b => { b["productCode"] = "WM-01"; b["groupComplaint"] = true; }));
        for (var i = 0; i < 3; i++)
        {
            await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now, b => b["productCode"] = "FUND-9"));
        }

        var incidents = await admin.GetFromJsonAsync<JsonElement>("/api/v1/complaints/incidents");
        var kinds = incidents.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("productCode").GetString())).ToList();
        Assert.That(kinds, Is.EquivalentTo(new[] { ("GroupComplaint", "WM-01"), ("ProductVolume", "FUND-9") }));

        await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now, b => b["productCode"] = "FUND-9"));
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/complaints/incidents?pageSize=1");
        Assert.That(page.GetProperty("total").GetInt64(), Is.EqualTo(2));
        Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
        Assert.That(page.GetProperty("pageSize").GetInt32(), Is.EqualTo(1));
        await HttpAssert.FieldError(await admin.GetAsync("/api/v1/complaints/incidents?pageSize=201"), "pageSize");

        var volume = incidents.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "ProductVolume");
        var id = volume.GetProperty("id").GetGuid();
        Assert.That(volume.GetProperty("complaintCount").GetInt32(), Is.EqualTo(3));
        using var ackResponse = await admin.PostAsync($"/api/v1/complaints/incidents/{id}/acknowledge", null);
        Assert.That(ackResponse.Headers.ETag?.Tag, Is.EqualTo("\"2\""), "an answer with a versioned resource carries its ETag");
        var acked = await ackResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(acked.GetProperty("status").GetString(), Is.EqualTo("Acknowledged"));
        await HttpAssert.Problem(await admin.PostAsync($"/api/v1/complaints/incidents/{id}/acknowledge", null), 409);
        await HttpAssert.FieldError(await admin.PostAsJsonAsync($"/api/v1/complaints/incidents/{id}/report", new { reportedTo = "人民银行上海分行" }), "reportedAt");
        var reported = await (await admin.PostAsJsonAsync($"/api/v1/complaints/incidents/{id}/report",
            new { reportedTo = "人民银行上海分行", reportedAt = Now, reference = "沪银消保[2026]12号" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(reported.GetProperty("status").GetString(), Is.EqualTo("Reported"));
        Assert.That(reported.GetProperty("reportReference").GetString(), Is.EqualTo("沪银消保[2026]12号"));
        await HttpAssert.Problem(await admin.PostAsync($"/api/v1/complaints/incidents/{Guid.NewGuid()}/acknowledge", null), 404);
    }

    [Test]
    public async Task Codes_AdminDeactivates_IntakeRefusesIt()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        var codes = await admin.GetFromJsonAsync<JsonElement>("/api/v1/complaints/codes");
        Assert.That(codes.EnumerateArray().Count(c => c.GetProperty("axis").GetString() == "C"), Is.EqualTo(13));
        (await admin.PutAsJsonAsync("/api/v1/complaints/codes/C/C11", new { nameZh = "定价收费", nameEn = "Pricing and fees", active = false })).EnsureSuccessStatusCode();
        await HttpAssert.FieldError(await admin.PostAsJsonAsync("/api/v1/complaints", ComplaintsApi.Body(Now)), "reason");
        (await admin.PutAsJsonAsync("/api/v1/complaints/codes/C/C13", new { nameZh = "新类别", nameEn = "New", active = true })).EnsureSuccessStatusCode();
        await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now, b => b["reason"] = "C13"));
        await HttpAssert.FieldError(await admin.PutAsJsonAsync("/api/v1/complaints/codes/D/D1", new { nameZh = "x", nameEn = "x", active = true }), "axis");
    }
}
