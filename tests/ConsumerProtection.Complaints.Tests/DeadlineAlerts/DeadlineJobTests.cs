using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.Complaints.DeadlineAlerts;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Complaints.Tests.DeadlineAlerts;

/// <summary>
/// Received Monday 2026-03-02 09:00 Shanghai: internal target end of Monday 03-09 (5 working days), regulatory end
/// of Tuesday 03-17 (15 days). Due-soon is one working day ahead.
/// </summary>
internal sealed class DeadlineJobTests : ClockedApiTest
{
    private DeadlineJob Job => Factory.Services.GetRequiredService<DeadlineJob>();

    private async Task<JsonElement> GetAsync(Guid id) => await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");

    private async Task<string> DueStateAsync(Guid id) => (await GetAsync(id)).GetProperty("deadlines").GetProperty("dueState").GetString()!;

    private async Task<List<Guid>> ListAsync(string query) =>
        (await Admin.GetFromJsonAsync<JsonElement>("/api/v1/complaints?" + query)).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetGuid()).ToList();

    private async Task<List<string>> AlertsAsync(Guid id) =>
        (await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit/complaints/records?action=complaint.deadline-alert&entityId={id}"))
            .GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("after").GetProperty("clock").GetString() + "/" + r.GetProperty("after").GetProperty("state").GetString())
            .ToList();

    [Test]
    public async Task RunOnce_ChangingTheDueState_BumpsVersionAndETag_AStaleIfMatchIs412()
    {
        var id = (await ComplaintsApi.FileAsync(Admin, ComplaintsApi.Body(Received))).GetProperty("id").GetGuid();
        await Job.RunOnceAsync(CancellationToken.None);
        Assert.That((await GetAsync(id)).GetProperty("version").GetInt64(), Is.EqualTo(1), "nothing changed, nothing bumped");

        At(3, 6, 10); // Friday: due soon
        await Job.RunOnceAsync(CancellationToken.None);
        using var read = await Admin.GetAsync($"/api/v1/complaints/{id}");
        Assert.That(read.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
        await HttpAssert.Problem(await ComplaintsApi.ActAsync(Admin, id, "escalate", 1, new { reason = "x", respondBy = Received.AddDays(10) }), 412);
        await Job.RunOnceAsync(CancellationToken.None);
        Assert.That((await GetAsync(id)).GetProperty("version").GetInt64(), Is.EqualTo(2), "an unchanged state is not bumped again");
    }

    [Test]
    public async Task RunOnce_AsTheClocksRun_MarksDueSoonThenOverdueOnEachClock_AndAlertsOnce()
    {
        var id = (await ComplaintsApi.FileAsync(Admin, ComplaintsApi.Body(Received))).GetProperty("id").GetGuid();
        Assert.That((await Job.RunOnceAsync(CancellationToken.None)).AlertsRaised, Is.Zero);
        Assert.That(await DueStateAsync(id), Is.EqualTo("OnTrack"));

        At(3, 6, 10); // Friday: the internal target (Monday) is one working day away
        Assert.That((await Job.RunOnceAsync(CancellationToken.None)).AlertsRaised, Is.EqualTo(1));
        Assert.That((await Job.RunOnceAsync(CancellationToken.None)).AlertsRaised, Is.Zero, "a second run raises nothing new");
        Assert.That(await DueStateAsync(id), Is.EqualTo("DueSoon"));

        At(3, 10, 10); // Tuesday: internal target passed, regulatory a week away
        await Job.RunOnceAsync(CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(await DueStateAsync(id), Is.EqualTo("Overdue"));
            Assert.That(await ListAsync("overdue=true"), Is.EqualTo(new[] { id }));
            Assert.That(await ListAsync("overdue=true&clock=Internal"), Is.EqualTo(new[] { id }));
            Assert.That(await ListAsync("overdue=true&clock=Regulatory"), Is.Empty);
            Assert.That(await ListAsync("overdue=false"), Is.Empty);
        });

        At(3, 16, 10); // Monday: regulatory deadline (Tuesday) one working day away
        await Job.RunOnceAsync(CancellationToken.None);
        At(3, 18, 10); // Wednesday: both passed
        await Job.RunOnceAsync(CancellationToken.None);
        await Job.RunOnceAsync(CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(await DueStateAsync(id), Is.EqualTo("Overdue"));
            Assert.That(await ListAsync("overdue=true&clock=Regulatory"), Is.EqualTo(new[] { id }));
            Assert.That(await AlertsAsync(id), Is.EquivalentTo(new[] { "Internal/DueSoon", "Internal/Overdue", "Regulatory/DueSoon", "Regulatory/Overdue" }));
        });
    }

    [Test]
    public async Task Extension_AfterOverdue_MovesTheComplaintBackOnTrack_AndOutOfTheOverdueList()
    {
        var filed = await ComplaintsApi.FileAsync(Admin, ComplaintsApi.Body(Received));
        var id = filed.GetProperty("id").GetGuid();
        At(3, 10, 10);
        await Job.RunOnceAsync(CancellationToken.None);
        Assert.That(await DueStateAsync(id), Is.EqualTo("Overdue"));

        var (supervisor, _) = await ComplaintsApi.ClientAsync(Factory, [Role.ComplaintSupervisor]);
        using var extended = await ComplaintsApi.ActAsync(supervisor, id, "extend-internal", (await GetAsync(id)).GetProperty("version").GetInt64(),
            new { reason = "需调取监控录像" });
        Assert.That((int)extended.StatusCode, Is.EqualTo(200), await extended.Content.ReadAsStringAsync());

        var run = await Job.RunOnceAsync(CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(await DueStateAsync(id), Is.EqualTo("OnTrack"), "internal target now Monday 03-16, regulatory 03-17");
            Assert.That(run.AlertsRaised, Is.Zero);
            Assert.That(await ListAsync("overdue=true"), Is.Empty);
            Assert.That(await ListAsync("overdue=false"), Is.EqualTo(new[] { id }));
        });
    }

    [Test]
    public async Task RunOnce_ClosedOrRespondedComplaints_AreLeftAlone()
    {
        var id = (await ComplaintsApi.FileAsync(Admin, ComplaintsApi.Body(Received))).GetProperty("id").GetGuid();
        using var withdrawn = await ComplaintsApi.ActAsync(Admin, id, "withdraw", 1, new { reason = "客户撤诉" });
        Assert.That((int)withdrawn.StatusCode, Is.EqualTo(200));
        At(3, 20, 10);

        var run = await Job.RunOnceAsync(CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(run, Is.EqualTo(new DeadlineRun(0, 0, 0)));
            Assert.That(await ListAsync("overdue=true"), Is.Empty);
        });
    }
}
