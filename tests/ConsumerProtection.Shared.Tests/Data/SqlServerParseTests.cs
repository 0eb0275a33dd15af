using ConsumerProtection.Shared.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ConsumerProtection.Shared.Tests.Data;

// No SQL Server runs here, so every T-SQL text is parse-checked with ScriptDom (ADR 0002).
internal sealed class SqlServerParseTests
{
    private static IEnumerable<TestCaseData> EveryText() =>
        SqlServerTexts.All().Select(t => new TestCaseData(t).SetArgDisplayNames(t.ToString()));

    private static IEnumerable<TestCaseData> Summary()
    {
        var count = SqlServerTexts.All().Count;
        yield return new TestCaseData(count).SetName($"Parse_All{count}SqlServerTexts_NoErrors");
    }

    private static (int Statements, IList<ParseError> Errors) Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var fragment = parser.Parse(new StringReader(sql), out var errors);
        var statements = fragment is TSqlScript script ? script.Batches.Sum(b => b.Statements.Count) : 0;
        return (statements, errors);
    }

    private static string Describe(IEnumerable<ParseError> errors) =>
        string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}, col {e.Column}: {e.Message}"));

    [TestCaseSource(nameof(EveryText))]
    public void Parse_SqlServerText_NoErrors(SqlText text)
    {
        var (statements, errors) = Parse(text.Sql);

        Assert.That(errors, Is.Empty, Describe(errors));
        Assert.That(statements, Is.GreaterThan(0), "no statement found");
    }

    [TestCaseSource(nameof(Summary))]
    public void Parse_AllSqlServerTexts(int count)
    {
        var texts = SqlServerTexts.All();
        Assert.That(texts, Has.Count.EqualTo(count), "the enumeration is not stable");
        var parsed = texts.Select(t => (Text: t, Result: Parse(t.Sql))).ToList();
        var statements = parsed.Sum(p => p.Result.Statements);
        var failures = parsed.Where(p => p.Result.Errors.Count > 0).Select(p => p.Text.ToString()).ToList();
        TestContext.Out.WriteLine($"{texts.Count} T-SQL texts, {statements} statements parsed");

        Assert.That(failures, Is.Empty, $"{statements} statements parsed in {texts.Count} texts; failing: {string.Join(", ", failures)}");
        foreach (var kind in SqlServerTexts.Kinds)
        {
            Assert.That(texts.Count(t => t.Kind == kind), Is.GreaterThan(0), $"no {kind} text found");
        }
    }

    [Test]
    public void ScriptsFor_SqlServer_EveryEmbeddedSqlServerResourcePlusSharedAuditAndOutboxTables()
    {
        var resources = SqlServerTexts.SharedAssembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Database.SqlServer.", StringComparison.Ordinal)).ToList();
        var scripts = SqlServerTexts.MigrationScripts().ToList();

        Assert.That(resources, Is.Not.Empty);
        Assert.That(scripts, Has.Count.EqualTo(resources.Count + 2));
        Assert.That(scripts[0].Name, Is.EqualTo(AuditTableScripts.ScriptName));
        Assert.That(scripts[1].Name, Is.EqualTo(OutboxTableScripts.ScriptName));
        Assert.That(scripts.Select(s => s.Sql), Has.None.Contains("{schema}"));
    }

    [Test]
    public void QueryConstants_Reflection_FindsPrivateAndNestedConstants()
    {
        var names = SqlServerTexts.QueryConstants().Select(t => t.Name).ToList();

        // Private constants of internal classes are what the slices use; reflection must reach them.
        Assert.That(names, Does.Contain("ApiKeyStore.ByHash"));
        Assert.That(names, Does.Contain("WorkingCalendar.SelectDays"));
        Assert.That(names, Has.None.StartsWith("AuditTableScripts."), "DDL is not a query constant");
        Assert.That(names, Has.None.StartsWith("OutboxTableScripts."), "DDL is not a query constant");
    }

    [TestCase("SELECT FROM WHERE [kernel].[api_key] =", TestName = "Parse_BrokenStatement_ReportsErrors")]
    [TestCase("SELECT seq FROM [kernel].[audit_log] ORDER BY seq DESC LIMIT 1", TestName = "Parse_SqliteLimitClause_ReportsErrors")]
    [TestCase("INSERT INTO [kernel].[kernel_state] (name, value) VALUES (@Name, @Value) ON CONFLICT DO NOTHING",
        TestName = "Parse_SqliteUpsert_ReportsErrors")]
    public void Parse_NegativeControl(string sql) =>
        Assert.That(Parse(sql).Errors, Is.Not.Empty);
}
