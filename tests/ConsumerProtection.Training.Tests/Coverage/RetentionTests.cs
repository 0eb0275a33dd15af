using System.Net.Http.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Retention;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static ConsumerProtection.Training.Tests.Infrastructure.TrainingApi;

namespace ConsumerProtection.Training.Tests.Coverage;

/// <summary>Record type training-record: kept while employed and three years after leaving; legal hold respected.</summary>
public sealed class RetentionTests
{
    [Test]
    public async Task TrainingRecord_KeptThreeYearsAfterLeaving_HoldRespected_DisposalAnonymisesAndAudits()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero));
        using var api = new ApiFactory(time: time);
        using var admin = await As(api, Role.TrainingAdmin);
        await Json(await Import(admin, Utf8("staffId,name,branchId,roleCategory,hireDate,leaveDate\r\nE1,甲,B1,FrontLine,2015-01-01,2023-05-31\r\nE2,乙,B1,FrontLine,2015-01-01,2023-06-02\r\nE3,丙,B1,FrontLine,2015-01-01,\r\nE4,丁,B1,FrontLine,2015-01-01,2020-01-01\r\n")));
        await Json(await Post(admin, "/external-records", new { staffId = "E3", title = "t", provider = "p", topic = "CaseStudy", completedOn = "2026-01-05", hours = 1, evidenceReference = "X" }), 201);
        var source = api.Services.GetServices<IRetentionRecordSource>().Single(s => s.RecordType == "training-record");

        Assert.That((await source.FindAsync("E3", CancellationToken.None))!.RetentionStartsAt, Is.Null, "still employed");
        Assert.That((await source.FindAsync("E1", CancellationToken.None))!.RetentionStartsAt, Is.EqualTo(new DateTimeOffset(2023, 5, 31, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(await source.FindAsync("NOPE", CancellationToken.None), Is.Null);

        // A hold on E4 (left 2020): disposal skips it; E1 (left 2023-05-31) is past three years on 2026-06-01; E2 is not.
        using var auditor = await As(api, Role.Auditor);
        (await auditor.PostAsJsonAsync("/api/v1/retention/holds", new { recordType = "training-record", recordId = "E4", reason = "litigation" })).EnsureSuccessStatusCode();
        using var root = api.Admin();
        var run = await Json(await root.PostAsync("/api/v1/retention/disposal-runs", null));
        Assert.That(run.GetRawText(), Does.Contain("\"held\":1"));
        Assert.That(Column(api, "training", "SELECT staff_id || ':' || COALESCE(name, 'gone') FROM staff WHERE anonymised_at IS NOT NULL"), Is.EqualTo(new[] { "E1:gone" }));
        Assert.That(Column(api, "training", "SELECT action FROM audit_log WHERE entity_id = 'E1'"), Does.Contain("training-record.disposed"));

        time.Advance(TimeSpan.FromDays(3));
        await Json(await root.PostAsync("/api/v1/retention/disposal-runs", null));
        Assert.That(Column(api, "training", "SELECT staff_id FROM staff WHERE anonymised_at IS NOT NULL ORDER BY staff_id"), Is.EqualTo(new[] { "E1", "E2" }));
    }
}
