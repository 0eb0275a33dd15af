using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.Complaints.Intake;
using ConsumerProtection.Modules.Complaints.Reading;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ConsumerProtection.Complaints.Tests.Reading;

/// <summary>The search and the export assemble their SQL from fragments: every combination must still be valid T-SQL (no SQL Server here).</summary>
public sealed class SearchSqlTests
{
    private static readonly SearchComplaintsEndpoints.Filter Everything = new(
        ComplaintStatus.InProgress, "SH001", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), "A1", "B01", "C01", "P1",
        IntakeChannel.Counter, "h", true, DateTimeOffset.UnixEpoch, Clock.Regulatory, true, false, true, "-receivedAt");

    private static readonly Caller[] Callers =
    [
        new("key:1", "teller", new HashSet<Role> { Role.Teller }, "SH001"),
        new("key:2", "handler", new HashSet<Role> { Role.ComplaintHandler }, null) { DepartmentId = "cards" },
        new("key:3", "supervisor", new HashSet<Role> { Role.ComplaintSupervisor }, null),
        new("key:4", "none", new HashSet<Role>(), null),
    ];

    [Test]
    public void EveryFilterScopeAndSort_ParsesAsTSql()
    {
        var parsed = 0;
        foreach (var caller in Callers)
        {
            foreach (var filter in new[] { Everything, Everything with { Overdue = false, Vulnerable = false, Repeat = true, Escalated = false }, new SearchComplaintsEndpoints.Filter(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null) })
            {
                var (where, _) = SearchComplaintsEndpoints.Where(filter, caller, DateTimeOffset.UnixEpoch);
                var statements = SearchComplaintsEndpoints.SortOrders
                    .SelectMany(o => new[]
                    {
                        SearchComplaintsEndpoints.PageSql(where, o, SqlDialect.SqlServer, ComplaintScope.RepeatOf(caller)),
                        ExportComplaintsEndpoints.SelectSql(where, o, consumer: false, ComplaintScope.RepeatOf(caller)),
                        ExportComplaintsEndpoints.SelectSql(where, o, consumer: true, ComplaintScope.RepeatOf(caller)),
                    })
                    .Append(SearchComplaintsEndpoints.CountSql(where));
                foreach (var sql in statements)
                {
                    var parser = new TSql160Parser(initialQuotedIdentifiers: true);
                    using var reader = new StringReader(sql);
                    parser.Parse(reader, out var errors);
                    Assert.That(errors, Is.Empty, sql);
                    parsed++;
                }
            }
        }

        Assert.That(parsed, Is.GreaterThan(50));
    }

    [Test]
    public void RepeatLookups_EveryIdentifierCombination_ParsesAsTSql()
    {
        Assert.That(FileComplaintEndpoints.FindRepeat, Has.Count.EqualTo(7));
        foreach (var (key, sql) in FileComplaintEndpoints.FindRepeat)
        {
            var parser = new TSql160Parser(initialQuotedIdentifiers: true);
            using var reader = new StringReader(sql);
            parser.Parse(reader, out var errors);
            Assert.That(errors, Is.Empty, $"{key}: {sql}");
            Assert.That(sql.Contains("consumer_email", StringComparison.Ordinal), Is.EqualTo(key.Email), sql);
        }
    }

    [Test]
    public void Where_NeverContainsFilterValues()
    {
        var (where, args) = SearchComplaintsEndpoints.Where(Everything with { ProductCode = "P1'; DROP TABLE x;--" }, Callers[0], DateTimeOffset.UnixEpoch);
        Assert.That(where, Does.Not.Contain("DROP"));
        Assert.That(args.ParameterNames, Does.Contain("ProductCode"));
    }
}
