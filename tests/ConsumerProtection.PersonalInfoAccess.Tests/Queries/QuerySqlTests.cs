using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Modules.PersonalInfoAccess.Infrastructure.Retention;
using ConsumerProtection.Modules.PersonalInfoAccess.Queries;
using ConsumerProtection.Shared.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Queries;

/// <summary>The query statements are assembled from fragments: every combination must be valid T-SQL, and on SQLite each must read the index its filters call for.</summary>
public sealed class QuerySqlTests
{
    private static void AssertTSql(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        Assert.That(errors, Is.Empty, sql);
    }

    [Test]
    public void EveryFilterCombination_ParsesAsTSql()
    {
        var wheres = EventSql.AllWheres().ToList();
        Assert.That(wheres, Has.Count.EqualTo(1 << EventSql.Fragments.Length));
        Assert.That(wheres.Distinct().Count(), Is.EqualTo(wheres.Count));
        foreach (var where in wheres)
        {
            AssertTSql(EventSql.Page(where, SqlDialect.SqlServer));
            AssertTSql(EventSql.BoundedCount(where, SqlDialect.SqlServer));
            AssertTSql(EventSql.Range(where));
        }
    }

    [Test]
    public void RetentionStatements_WithTheSqlServerRowLimit_ParseAsTSql() =>
        AssertTSql(EventRetentionSource.Expired + " " + SqlDialect.SqlServer.Page);

    [Test]
    public void Where_EveryFilter_IsAParameterNeverText()
    {
        var evil = "x'; DROP TABLE y;--";
        var criteria = new EventCriteria(evil, evil, evil, AccessPurpose.Other, AccessAction.View, DataTier.C2, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var (where, args) = EventSql.Where(criteria, new EventCursor(DateTimeOffset.UnixEpoch, 5), 9);
        Assert.That(where, Does.Not.Contain("DROP"));
        Assert.That(args.ParameterNames, Is.EquivalentTo(new[] { "Customer", "Staff", "Source", "Purpose", "Action", "MinTier", "From", "To", "CursorAt", "CursorSeq", "AsOfSeq" }));
    }

    [TestCase("customer", "ix_access_event_customer")]
    [TestCase("staff", "ix_access_event_staff")]
    [TestCase("source", "ix_access_event_occurred")]
    [TestCase("purpose", "ix_access_event_occurred")]
    public void SqlitePlan_UsesTheFiltersIndex_InOrder_WithoutASort(string filter, string index)
    {
        using var api = new ApiFactory();
        _ = api.Server;
        var criteria = filter switch
        {
            "customer" => new EventCriteria("c", null, "s", AccessPurpose.Other, null, DataTier.C2, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
            "staff" => new EventCriteria(null, "s", "s", null, AccessAction.View, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
            "source" => new EventCriteria(null, null, "s", null, null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
            _ => new EventCriteria(null, null, null, AccessPurpose.Other, null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
        };
        var (where, _) = EventSql.Where(criteria, new EventCursor(DateTimeOffset.UnixEpoch, 5));
        using var c = api.OpenFile("piaccess");
        using var cmd = c.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + EventSql.Page(where, SqlDialect.Sqlite).Replace("[piaccess].", "", StringComparison.Ordinal);
        using var reader = cmd.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        var text = string.Join(" | ", plan);
        Assert.That(text, Does.Contain("USING INDEX " + index), text);
        Assert.That(text, Does.Not.Contain("TEMP B-TREE"), text);
    }
}
