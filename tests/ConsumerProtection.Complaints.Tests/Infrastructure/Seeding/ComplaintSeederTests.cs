using System.Text.RegularExpressions;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.Complaints.Intake;
using ConsumerProtection.Shared.Seeding;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Infrastructure.Seeding;

/// <summary>Issue §10: the seeding verb's generator writes rows the API reads, consistent with the domain rules.</summary>
public sealed partial class ComplaintSeederTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private ApiFactory _factory = null!;
    private HttpClient _admin = null!;
    private SeedProgress _result = null!;
    private List<ComplaintRow> _rows = null!;
    private string _liveReference = null!;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        // A small deadline batch, so the job's paging is exercised on the seeded backlog.
        _factory = new ApiFactory(new() { ["Complaints:DeadlineJobBatchSize"] = "37" }, new FakeTimeProvider(Now));
        _admin = _factory.Admin();
        var seeder = _factory.Services.GetServices<ISeeder>().Single(s => s.Name == "complaints");
        _result = await seeder.SeedAsync(new SeedRequest(2000, 3, 7), null, CancellationToken.None);
        var store = _factory.Services.GetRequiredService<ComplaintStore>();
        _rows = (await store.Db.ReadAsync(c => c.QueryAsync<ComplaintRow>(
            new CommandDefinition($"SELECT {ComplaintRow.Columns} FROM [complaints].[complaint]")), CancellationToken.None)).AsList();
        // Live intake after seeding: continues the day's numbering (checked below), and is one more open complaint.
        _liveReference = (await ComplaintsApi.FileAsync(_admin, ComplaintsApi.Body(Now.AddMinutes(-30)))).GetProperty("reference").GetString()!;
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _admin.Dispose();
        _factory.Dispose();
    }

    private IEnumerable<ComplaintRow> In(ComplaintStatus status) => _rows.Where(r => r.StatusValue == status);

    [GeneratedRegex(@"^CP-\d{8}-\d{6}$")]
    private static partial Regex ReferenceFormat();

    [Test]
    public void Seed_WritesTheRequestedRows_WithUniqueWellFormedReferences()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_result.Written, Is.EqualTo(2000));
            Assert.That(_rows, Has.Count.EqualTo(2000));
            Assert.That(_rows.Select(r => r.Reference), Is.Unique.And.All.Match(ReferenceFormat()));
            Assert.That(_rows.Select(r => r.Id), Is.Unique);
            Assert.That(_rows.Select(r => r.ReceivedAt), Has.All.InRange(Now.AddMonths(-3).AddDays(-1), Now));
        });
    }

    [Test]
    public void Seed_GivesARealisticMix()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_rows.Select(r => r.BranchId).Distinct().Count(), Is.InRange(30, 50));
            Assert.That(_rows.Select(r => r.ProductCode).Distinct().Count(), Is.GreaterThan(60));
            Assert.That(_rows.GroupBy(r => r.ProductCode).Max(g => g.Count()), Is.GreaterThan(40), "a few products draw many complaints");
            Assert.That(_rows.Select(r => r.IntakeChannel).Distinct().Count(), Is.GreaterThanOrEqualTo(8));
            foreach (var status in new[] { ComplaintStatus.Closed, ComplaintStatus.Withdrawn, ComplaintStatus.InProgress, ComplaintStatus.Responded })
            {
                Assert.That(In(status), Is.Not.Empty, status.ToString());
            }

            Assert.That(In(ComplaintStatus.Closed).Count(), Is.GreaterThan(1500), "three months back, most are closed");
            Assert.That(_rows.Count(r => r.RepeatOfId is not null), Is.InRange(20, 120));
            Assert.That(_rows.Count(r => r.VulnerableElderly), Is.InRange(60, 200));
            Assert.That(_rows.Where(r => r.Upheld is not null).Select(r => r.Upheld).Distinct(), Is.EquivalentTo(new[] { "Yes", "Partly", "No" }));
            Assert.That(_rows.Count(r => r.RedressMinor > 0), Is.GreaterThan(100));
            // Sealed at rest like intake's rows; opened, they are the synthetic consumers.
            var consumers = _factory.Services.GetRequiredService<ComplaintStore>().Consumers;
            Assert.That(_rows.Select(r => r.ConsumerName), Has.All.StartsWith("enc:v1:"));
            Assert.That(_rows.Select(r => consumers.Open(r).Name), Has.All.EndsWith("（模拟）"));
            Assert.That(_rows.Select(r => consumers.Open(r).Phone), Has.All.StartsWith("+86100"));
            Assert.That(_rows.Select(r => r.ConsumerPhoneBidx), Has.All.Length.EqualTo(32));
        });
    }

    [Test]
    public async Task Seed_UsesOnlyActiveTaxonomyCodes_AndBusinessTypesMatchProducts()
    {
        var active = (await _factory.Services.GetRequiredService<Taxonomy>().AllAsync(CancellationToken.None))
            .Where(c => c.Active).Select(c => c.Code).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(_rows.SelectMany(r => new[] { r.BusinessChannel, r.BusinessType, r.Reason }).Where(c => !active.Contains(c)), Is.Empty);
            Assert.That(_rows.GroupBy(r => r.ProductCode).Where(g => g.Select(r => r.BusinessType).Distinct().Count() > 1), Is.Empty);
            Assert.That(_rows.Where(r => r.BusinessType == "B032").Select(r => r.ProductCode), Has.All.StartsWith("CC-"));
        });
    }
}
