using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;

namespace ConsumerProtection.Complaints.Tests.Regulator;

/// <summary>Takes a complaint through the workflow as a supervisor, as far as the regulator cares; reads the status view.</summary>
internal sealed partial class RegulatorHarness
{
    /// <summary>Assign, start and respond (versions 1 to 4).</summary>
    public static async Task RespondAsync(HttpClient supervisor, Guid id)
    {
        await ExpectAsync(ComplaintsApi.ActAsync(supervisor, id, "assign", 1, new { departmentId = "reg-team", handlerId = await ComplaintsApi.CallerIdAsync(supervisor) }));
        await ExpectAsync(ComplaintsApi.ActAsync(supervisor, id, "start", 2));
        await ExpectAsync(ComplaintsApi.ActAsync(supervisor, id, "respond", 3, new { outcome = "NonMonetaryRelief", responseText = "已调整催收频次并致歉" }));
    }

    /// <summary>Follow up and close a responded complaint (versions 4 to 6).</summary>
    public static async Task CloseAsync(HttpClient supervisor, Guid id)
    {
        await ExpectAsync(ComplaintsApi.ActAsync(supervisor, id, "follow-up", 4, new { satisfied = true, satisfactionScore = 4 }));
        await ExpectAsync(ComplaintsApi.ActAsync(supervisor, id, "close", 5, new
        {
            rootCause = "外包催收未执行频次限制", remediation = "修订外包催收合同", accountability = "外包管理岗约谈", upheld = "Partly", redressPaid = 88.50m,
        }));
    }

    /// <summary>The operators' view, read as a supervisor.</summary>
    public async Task<JsonElement> StatusAsync()
    {
        using var supervisor = await SupervisorAsync();
        return await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/complaints/regulator/status");
    }

    public static async Task ExpectAsync(Task<HttpResponseMessage> call, int status = 200)
    {
        using var response = await call;
        Assert.That((int)response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
    }
}
