using ConsumerProtection.Modules.PersonalInfoAccess.Ingest;
using ConsumerProtection.Modules.PersonalInfoAccess.Purge;
using ConsumerProtection.Shared.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Ingest;

/// <summary>
/// The appender's statements are built per dialect at run time, so the architecture scan of constant SQL does not see
/// them; no SQL Server runs here, so the SQL Server texts are parse-checked instead.
/// </summary>
public sealed class AppendSqlTests
{
    private static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors;
    }

    [Test]
    public void SqlServerTexts_ParseAsTSql()
    {
        string[] texts =
        [
            EventAppender.BuildHead(SqlDialect.SqlServer),
            EventAppender.BuildInsert(SqlDialect.SqlServer),
            EventAppender.StoredPayloadHashSql,
            EventAppender.SqlServerSequencerLock,
            PurgeLedger.BuildHead(SqlDialect.SqlServer),
            PurgeLedgerCutOver.End(SqlDialect.SqlServer, "ASC"),
            PurgeLedgerCutOver.End(SqlDialect.SqlServer, "DESC"),
        ];
        Assert.Multiple(() =>
        {
            foreach (var sql in texts)
            {
                Assert.That(Parse(sql), Is.Empty, sql);
            }
        });
    }

    [Test]
    public void SqliteInsert_IsNotTSql_SoTheParseCheckCanFail() =>
        Assert.That(Parse(EventAppender.BuildInsert(SqlDialect.Sqlite)), Is.Not.Empty, "ON CONFLICT is SQLite-only");
}
