using System.Net;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Complaints.Tests.Handling;

/// <summary>A handler is checked when assigned, so a wrong id is a 400 at assignment, not a surprise at the first action.</summary>
internal sealed class HandlerAssignmentTests : ClockedApiTest
{
    private async Task<Guid> FileAsync() => (await ComplaintsApi.FileAsync(Admin, ComplaintsApi.Body(Received))).GetProperty("id").GetGuid();

    private Task<HttpResponseMessage> AssignAsync(Guid id, string department, string handlerId) =>
        ComplaintsApi.ActAsync(Admin, id, "assign", 1, new { departmentId = department, handlerId });

    private async Task<JsonElement> VersionAsync(Guid id) =>
        JsonDocument.Parse(await Admin.GetStringAsync($"/api/v1/complaints/{id}")).RootElement.GetProperty("version");

    [Test]
    public async Task Assign_BareKeyId_Answers400_NamingTheCallerIdForm()
    {
        var id = await FileAsync();
        var (_, handlerId) = await ComplaintsApi.ClientAsync(Factory, [Role.ComplaintHandler], department: "cards-team");
        var bare = handlerId["key:".Length..];
        var problem = await HttpAssert.FieldError(await AssignAsync(id, "cards-team", bare), "handlerId");
        Assert.That(problem.GetProperty("errors").GetProperty("handlerId")[0].GetString(), Does.Contain("key:" + bare));
        Assert.That((await VersionAsync(id)).GetInt64(), Is.EqualTo(1));
    }

    [TestCase("someone")]
    [TestCase("key:not-a-guid")]
    [TestCase("system:regulator-gateway")]
    [TestCase("jwt:alice")]
    public async Task Assign_IdThatNamesNoUsableCaller_Answers400(string handlerId)
    {
        var id = await FileAsync();
        await HttpAssert.FieldError(await AssignAsync(id, "cards-team", handlerId), "handlerId");
    }

    [Test]
    public async Task Assign_UnknownRevokedOrWrongRoleKey_Answers400()
    {
        var id = await FileAsync();
        await HttpAssert.FieldError(await AssignAsync(id, "cards-team", "key:" + Guid.NewGuid()), "handlerId");

        var (_, teller) = await ComplaintsApi.ClientAsync(Factory, [Role.Teller], branch: "SH001");
        await HttpAssert.FieldError(await AssignAsync(id, "cards-team", teller), "handlerId");

        var (_, revoked) = await ComplaintsApi.ClientAsync(Factory, [Role.ComplaintHandler], department: "cards-team");
        using (var response = await Admin.PostAsync($"/api/v1/admin/api-keys/{revoked["key:".Length..]}/revoke", null))
        {
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        }

        await HttpAssert.FieldError(await AssignAsync(id, "cards-team", revoked), "handlerId");
        Assert.That((await VersionAsync(id)).GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task Assign_HandlerOfAnotherDepartment_Answers400OnDepartment()
    {
        var id = await FileAsync();
        var (_, handlerId) = await ComplaintsApi.ClientAsync(Factory, [Role.ComplaintHandler], department: "loans-team");
        await HttpAssert.FieldError(await AssignAsync(id, "cards-team", handlerId), "departmentId");
    }

    [Test]
    public async Task Assign_ValidHandler_ThatHandlerCanAct_OthersGet403()
    {
        var id = await FileAsync();
        var (handler, handlerId) = await ComplaintsApi.ClientAsync(Factory, [Role.ComplaintHandler], department: "cards-team");
        var (other, _) = await ComplaintsApi.ClientAsync(Factory, [Role.ComplaintHandler], department: "cards-team");
        using (handler)
        using (other)
        {
            using (var assigned = await AssignAsync(id, "cards-team", handlerId))
            {
                Assert.That(assigned.StatusCode, Is.EqualTo(HttpStatusCode.OK), await assigned.Content.ReadAsStringAsync());
            }

            var forbidden = await HttpAssert.Problem(await ComplaintsApi.ActAsync(other, id, "start", 2), 403);
            Assert.That(forbidden.GetProperty("detail").GetString(), Does.Contain("assigned handler"));
            using var started = await ComplaintsApi.ActAsync(handler, id, "start", 2);
            Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.OK), await started.Content.ReadAsStringAsync());
        }
    }
}
