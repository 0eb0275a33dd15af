using ConsumerProtection.Modules.Complaints.Regulator;
using ConsumerProtection.Modules.Complaints;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ConsumerProtection.Complaints.Tests.Regulator;

internal sealed class RegulatorUnitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 5, 2, 0, 0, TimeSpan.Zero);

    [Test]
    public void EventId_SameComplaintAndVersion_SameId_OtherVersion_OtherId()
    {
        var complaint = Guid.CreateVersion7(T0);

        var id = RegulatorOutbox.EventId(complaint, 4);

        Assert.Multiple(() =>
        {
            Assert.That(RegulatorOutbox.EventId(complaint, 4), Is.EqualTo(id), "a retried transaction makes the same event");
            Assert.That(RegulatorOutbox.EventId(complaint, 6), Is.Not.EqualTo(id));
            Assert.That(RegulatorOutbox.EventId(Guid.CreateVersion7(T0), 4), Is.Not.EqualTo(id));
            Assert.That(id.Version, Is.EqualTo(8));
            Assert.That(id.Variant, Is.EqualTo(8).Or.EqualTo(9).Or.EqualTo(10).Or.EqualTo(11));
        });
    }

    [TestCase(1, 30)]
    [TestCase(2, 60)]
    [TestCase(5, 480)]
    [TestCase(20, 900)]
    public void NextAttempt_BacksOffExponentially_UpToTheCap(int attempts, double seconds)
    {
        var o = new RegulatorOptions();

        Assert.That(o.NextAttempt(T0, attempts, 0.5), Is.EqualTo(T0.AddSeconds(seconds)), "jitter 0.5 is the midpoint");
        Assert.That(o.NextAttempt(T0, attempts, 0), Is.EqualTo(T0.AddSeconds(seconds * 0.8)));
    }

    [Test]
    public void Violations_DefaultsAreValid_EnabledNeedsAnHttpBaseUrl_BreakerWithinPollyLimits()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new RegulatorOptions().Violations(), Is.Empty, "off by default, nothing to check");
            Assert.That(new RegulatorOptions { Enabled = true }.Violations(), Has.One.Contains("BaseUrl"));
            Assert.That(new RegulatorOptions { Enabled = true, BaseUrl = "ftp://gw" }.Violations(), Has.One.Contains("BaseUrl"));
            Assert.That(new RegulatorOptions { Enabled = true, BaseUrl = "https://gw.example/api" }.Violations(), Is.Empty);
            Assert.That(new RegulatorOptions { BreakerMinimumThroughput = 1 }.Violations(), Has.One.Contains("breaker"));
            Assert.That(new RegulatorOptions { BranchId = "HQ 1" }.Violations(), Has.One.Contains("BranchId"));
            Assert.That(new RegulatorOptions { TotalTimeoutSeconds = 1, AttemptTimeoutSeconds = 2 }.Violations(), Has.One.Contains("timeouts"));
        });
    }

    [TestCase("true", "true", 2)]
    [TestCase("true", "false", 0)]
    [TestCase("false", "true", 0)]
    [TestCase(null, null, 0)]
    public void AddRegulatorGateway_RunsTheJobsOnlyWhenJobsAndGatewayAreEnabled(string? jobs, string? gateway, int hosted)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BackgroundJobs:Enabled"] = jobs,
            ["Complaints:Regulator:Enabled"] = gateway,
        }).Build();
        var services = new ServiceCollection();

        services.AddRegulatorGateway(configuration);

        Assert.That(services.Count(s => s.ServiceType == typeof(IHostedService)), Is.EqualTo(hosted));
        Assert.That(services.Any(s => s.ServiceType == typeof(RegulatorPullJob)), Is.True, "tests drive the jobs without timers");
    }

    private static IEnumerable<TestCaseData> SqlServerTexts()
    {
        var assembly = typeof(ComplaintsModule).Assembly;
        var script = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".SqlServer.0003_regulator.sql", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(script)!);
        yield return new TestCaseData(reader.ReadToEnd()).SetArgDisplayNames("0003_regulator.sql");
        foreach (var type in new[] { typeof(RegulatorOutbox), typeof(TransferIntake), typeof(RegulatorPullJob), typeof(RegulatorOutboxJob), typeof(RegulatorStatusEndpoints) })
        {
            foreach (var field in type.GetFields().Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            {
                yield return new TestCaseData((string)field.GetRawConstantValue()!).SetArgDisplayNames($"{type.Name}.{field.Name}");
            }
        }

        foreach (var (name, sql) in new[] { ("SelectUnsent", RegulatorOutboxJob.SelectUnsent), ("SelectLastError", RegulatorStatusEndpoints.SelectLastError), ("SelectRejections", RegulatorStatusEndpoints.SelectRejections) })
        {
            yield return new TestCaseData(sql + " " + Shared.Data.SqlDialect.SqlServer.Page).SetArgDisplayNames(name + " + Page");
        }
    }

    [TestCaseSource(nameof(SqlServerTexts))]
    public void SqlServerText_Parses(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);

        Assert.That(errors, Is.Empty, string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }
}
