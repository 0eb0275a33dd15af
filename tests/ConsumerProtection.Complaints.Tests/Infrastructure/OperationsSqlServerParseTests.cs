using ConsumerProtection.Modules.Complaints.DeadlineAlerts;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure.Protection;
using ConsumerProtection.Modules.Complaints.Infrastructure.Retention;
using ConsumerProtection.Modules.Complaints.Reading;
using ConsumerProtection.Modules.Complaints;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ConsumerProtection.Complaints.Tests.Infrastructure;

/// <summary>No SQL Server runs here: the deadline job's, retention's and the overdue filter's T-SQL is parse-checked.</summary>
public sealed class OperationsSqlServerParseTests
{
    private static readonly string Page = SqlDialect.SqlServer.Page;

    private static IEnumerable<TestCaseData> Texts()
    {
        var overdue = new SearchComplaintsEndpoints.Filter(null, null, null, null, null, null, null, null, null, null, true, DateTimeOffset.UnixEpoch, null,
            null, null, null, null);
        var admin = new Caller("key:1", "admin", new HashSet<Role> { Role.Admin }, null);
        var texts = new (string Name, string Sql)[]
        {
            ("DeadlineBatch.SelectPage", DeadlineBatch.SelectPage + " " + Page),
            ("DeadlineBatch.UpdateState", DeadlineBatch.UpdateState),
            ("DeadlineBatch.InsertAlert", DeadlineBatch.InsertAlert),
            ("ComplaintRetentionSource.Find", ComplaintRetentionSource.Find),
            ("ComplaintRetentionSource.ExpiredClosed", ComplaintRetentionSource.ExpiredClosed + " " + Page),
            ("ComplaintRetentionSource.ExpiredWithdrawn", ComplaintRetentionSource.ExpiredWithdrawn + " " + Page),
            ("ComplaintRetentionSource.SelectVersion", ComplaintRetentionSource.SelectVersion),
            ("ComplaintRetentionSource.Anonymise", ComplaintRetentionSource.Anonymise),
            ("ComplaintRekeyer.CountPlain", ComplaintRekeyer.CountPlain),
            ("ComplaintRekeyer.CountUnder", ComplaintRekeyer.CountUnder),
            ("ComplaintRekeyer.SelectPlain", ComplaintRekeyer.SelectPlain + " " + Page),
            ("ComplaintRekeyer.SelectUnder", ComplaintRekeyer.SelectUnder + " " + Page),
            ("ComplaintRekeyer.Rewrite", ComplaintRekeyer.Rewrite),
            ("SearchComplaints.Where(overdue, dueBefore)", "SELECT COUNT(*) FROM [complaints].[complaint] WHERE " + SearchComplaintsEndpoints.Where(overdue, admin, default).Where),
            ("SearchComplaints.Where(overdue=false, regulatory)", "SELECT COUNT(*) FROM [complaints].[complaint] WHERE "
                + SearchComplaintsEndpoints.Where(overdue with { Overdue = false, Clock = Clock.Regulatory }, admin, default).Where),
        };
        var scripts = MigrationRunner.ScriptsFor(new ComplaintsModule(), StorageProvider.SqlServer)
            .Where(s => s.Name.StartsWith("0005_", StringComparison.Ordinal) || s.Name.StartsWith("0008_", StringComparison.Ordinal))
            .Select(s => (s.Name, s.Contents));
        return texts.Concat(scripts).Select(t => new TestCaseData(t.Item2).SetArgDisplayNames(t.Item1));
    }

    [TestCaseSource(nameof(Texts))]
    public void Parse_TSql_NoErrors(string sql)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.That(errors.Select(e => $"line {e.Line}, col {e.Column}: {e.Message}"), Is.Empty);
        Assert.That(((TSqlScript)fragment).Batches.Sum(b => b.Statements.Count), Is.GreaterThan(0));
    }

    [TestCase("0005_")]
    [TestCase("0008_")]
    public void Migration_ShipsInBothDialects(string prefix)
    {
        Assert.That(MigrationRunner.ScriptsFor(new ComplaintsModule(), StorageProvider.Sqlite).Count(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(MigrationRunner.ScriptsFor(new ComplaintsModule(), StorageProvider.SqlServer).Count(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)), Is.EqualTo(1));
    }
}
