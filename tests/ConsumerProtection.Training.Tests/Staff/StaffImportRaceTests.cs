using System.Net.Http.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.Training.Staff;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static ConsumerProtection.Training.Tests.Infrastructure.TrainingApi;

namespace ConsumerProtection.Training.Tests.Staff;

/// <summary>An edit of a staff record racing a roster import: the import fails whole (409, nothing stored); the edit stands.</summary>
public sealed class StaffImportRaceTests
{
    private const string Roster = "staffId,name,branchId,department,roleCategory,position,hireDate,leaveDate\r\nE1,张三,B001,Ops,FrontLine,,2020-01-15,\r\nE2,李四,B001,,BackOffice,,2021-03-05,\r\n";

    [Test]
    public async Task EditBetweenPlanAndWrite_FailsTheImport_NothingStored_TheEditStands()
    {
        using var api = new ApiFactory(time: new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero)));
        using var admin = await As(api, Role.TrainingAdmin);
        await Json(await Post(admin, "/staff", StaffBody("E1")), 201);
        var importer = api.Services.GetRequiredService<StaffImporter>();
        var audited = Column(api, "training", "SELECT COUNT(*) FROM audit_log").Single();

        // The import has planned "E1: department Retail -> Ops, add E2"; then an administrator edits E1.
        async Task EditE1()
        {
            var put = new HttpRequestMessage(HttpMethod.Put, $"{Base}/staff/E1") { Content = JsonContent.Create(StaffBody("E1", position: "ComplaintHandler")) };
            put.Headers.IfMatch.ParseAdd("\"1\"");
            await Json(await admin.SendAsync(put));
        }

        await Assert.ThrowsAsync<StaffImportConflictException>(() => importer.RunAsync(Utf8(Roster), false, Caller.System("test"), null, CancellationToken.None, EditE1));
        Assert.Multiple(() =>
        {
            Assert.That(Column(api, "training", "SELECT staff_id || ':' || COALESCE(department, '-') || ':' || COALESCE(position, '-') || ':' || version FROM staff ORDER BY staff_id"),
                Is.EqualTo(new[] { "E1:Retail:ComplaintHandler:2" }), "E2 is not added; E1 keeps the edit");
            Assert.That(Column(api, "training", "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.imported'"), Is.EqualTo(new[] { "0" }));
            Assert.That(int.Parse(Column(api, "training", "SELECT COUNT(*) FROM audit_log").Single()), Is.EqualTo(int.Parse(audited) + 1), "only the edit's audit row");
        });

        // Run again (no race): it applies over the edited record.
        var report = await Json(await Import(admin, Utf8(Roster)));
        Assert.That((report.GetProperty("added").GetInt32(), report.GetProperty("changed").GetInt32()), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task StaffAddedBetweenPlanAndWrite_FailsTheImport_NothingStored()
    {
        using var api = new ApiFactory(time: new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero)));
        using var admin = await As(api, Role.TrainingAdmin);
        var importer = api.Services.GetRequiredService<StaffImporter>();

        async Task AddE2() => await Json(await Post(admin, "/staff", StaffBody("E2", category: "BackOffice", hire: "2021-03-05")), 201);

        await Assert.ThrowsAsync<StaffImportConflictException>(() => importer.RunAsync(Utf8(Roster), false, Caller.System("test"), null, CancellationToken.None, AddE2));
        Assert.That(Column(api, "training", "SELECT staff_id || ':' || COALESCE(department, '-') FROM staff ORDER BY staff_id"), Is.EqualTo(new[] { "E2:Retail" }), "E1 is not added; E2 is the administrator's");
    }
}
