using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.Training.Contracts;
using ConsumerProtection.Shared.Seeding;
using Microsoft.Extensions.DependencyInjection;
using static ConsumerProtection.Training.Tests.Infrastructure.TrainingApi;

namespace ConsumerProtection.Training.Tests.Staff;

/// <summary>The roster import as the import-staff verb calls it, and the training seeder.</summary>
public sealed class RosterImportContractTests
{
    private sealed class Collect : IProgress<StaffImportProgress>
    {
        public List<StaffImportProgress> Seen { get; } = [];

        public void Report(StaffImportProgress value) => Seen.Add(value);
    }

    [Test]
    public async Task ImportAsync_ReportsProgressAndSummary_BadRowsAsLines_BadFileAsInvalidData()
    {
        using var api = new ApiFactory();
        var import = api.Services.GetRequiredService<IStaffRosterImport>();
        var progress = new Collect();
        var ok = await import.ImportAsync(Utf8("staffId,name,branchId,roleCategory,hireDate\r\nE1,甲,B1,FrontLine,2020-01-01\r\nE2,乙,B1,BackOffice,2021-01-01\r\n"), false, progress, CancellationToken.None);
        Assert.That((ok.Applied, ok.Added, ok.Errors.Count), Is.EqualTo((true, 2, 0)));
        Assert.That(progress.Seen.Select(p => p.Stage).Distinct(), Is.EqualTo(new[] { "read", "check", "write" }));
        Assert.That(progress.Seen[^1], Is.EqualTo(new StaffImportProgress("write", 2, 2)));
        Assert.That(Column(api, "training", "SELECT actor_id FROM audit_log WHERE action = 'staff.imported'"), Is.EqualTo(new[] { "system:import-staff" }));

        var bad = await import.ImportAsync(Utf8("staffId,name,branchId,roleCategory,hireDate\r\nE1,,B1,FrontLine,2020-01-01\r\n"), false, null, CancellationToken.None);
        Assert.That((bad.Applied, bad.Errors), Is.EqualTo((false, new[] { "line 2, name: is required." })));
        await Assert.ThrowsAsync<InvalidDataException>(() => import.ImportAsync(Utf8("who,what\r\n"), false, null, CancellationToken.None));
    }

    [Test]
    public async Task Seeder_WritesStaffWithFortyRecordsEach_AndTheReportReadsThem()
    {
        using var api = new ApiFactory();
        var seeder = api.Services.GetServices<ISeeder>().Single(s => s.Name == "training");
        var result = await seeder.SeedAsync(new SeedRequest(30, 12, 7), null, CancellationToken.None);
        Assert.That(result.Written, Is.EqualTo(30 * 40));
        Assert.That(Column(api, "training", "SELECT COUNT(*) FROM staff WHERE name LIKE 'enc:v1:%'").Single(), Is.EqualTo("30"));
        Assert.That(Column(api, "training", "SELECT COUNT(DISTINCT staff_id || session_id) FROM training_record").Single(), Is.EqualTo("1200"));
        var figures = await api.Services.GetRequiredService<ITrainingFigures>().CoverageAsync(api.Services.GetRequiredService<TimeProvider>().GetUtcNow().Year, TrainingPeriod.Year, TrainingUnitKind.Bank, CancellationToken.None);
        Assert.That(figures.Single().Required, Is.EqualTo(30));
    }
}
