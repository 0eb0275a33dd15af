using System.Reflection;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Kernel;
using Polly;

namespace ConsumerProtection.Shared.Tests.Data;

/// <summary>One piece of T-SQL the product can send to SQL Server, and where it comes from.</summary>
internal sealed record SqlText(string Kind, string Name, string Sql)
{
    public override string ToString() => $"{Kind} {Name}";
}

/// <summary>
/// Every T-SQL text in the Shared assembly: the SQL Server migration scripts (with the shared audit table),
/// the SQL Server-only statements, every query constant (shared by both engines, also with the paging clause
/// where it is ordered) and the generated audit SQL.
/// </summary>
internal static class SqlServerTexts
{
    public const string Script = "script";
    public const string ServerOnly = "server-only";
    public const string Query = "query";
    public const string Paged = "paged";
    public const string Audit = "audit";
    public const string Events = "events";

    public static readonly string[] Kinds = [Script, ServerOnly, Query, Paged, Audit, Events];

    private static readonly string[] DmlKeywords = ["SELECT", "INSERT", "UPDATE", "DELETE"];

    public static Assembly SharedAssembly => typeof(SharedKernel).Assembly;

    public static IReadOnlyList<SqlText> All() =>
    [
        .. MigrationScripts(), .. ServerOnlyStatements(), .. QueryConstants(), .. PagedQueries(), .. GeneratedAuditSql(), .. GeneratedOutboxSql(),
    ];

    public static IEnumerable<SqlText> MigrationScripts() =>
        MigrationRunner.ScriptsFor(new KernelModule(), StorageProvider.SqlServer).Select(s => new SqlText(Script, s.Name, s.Contents));

    public static IEnumerable<SqlText> ServerOnlyStatements() =>
        StringConstants(typeof(SqlServerStatements)).Select(c => new SqlText(ServerOnly, c.Name, c.Value));

    /// <summary>Every string constant in any type (nested and private too) that reads as a DML statement.</summary>
    public static IEnumerable<SqlText> QueryConstants() =>
        SharedAssembly.GetTypes()
            .SelectMany(StringConstants)
            .Where(c => DmlKeywords.Any(k => c.Value.TrimStart().StartsWith(k, StringComparison.OrdinalIgnoreCase)))
            .Select(c => new SqlText(Query, c.Name, c.Value));

    /// <summary>Ordered query constants with the SQL Server paging clause appended, as list slices send them.</summary>
    public static IEnumerable<SqlText> PagedQueries() =>
        QueryConstants()
            .Where(q => q.Sql.Contains("ORDER BY", StringComparison.OrdinalIgnoreCase))
            .Select(q => new SqlText(Paged, q.Name + " + Page", q.Sql + " " + SqlDialect.SqlServer.Page));

    public static IEnumerable<SqlText> GeneratedAuditSql()
    {
        var db = new SqlServerModuleDb(KernelModule.SchemaName, "Server=.;", ResiliencePipeline.Empty);
        var sql = AuditSql.For(db);
        return new[] { ("Last", sql.Last), ("Insert", sql.Insert), ("Select", sql.Select), ("Count", sql.Count), ("Stream", sql.Stream) }
            .Select(s => new SqlText(Audit, $"AuditSql[kernel].{s.Item1}", s.Item2));
    }

    /// <summary>The integration-event outbox, delivery and inbox statements for a schema, in their SQL Server form.</summary>
    public static IEnumerable<SqlText> GeneratedOutboxSql()
    {
        var sql = ConsumerProtection.Shared.Events.OutboxSql.For(KernelModule.SchemaName, SqlDialect.SqlServer);
        return typeof(ConsumerProtection.Shared.Events.OutboxSql).GetProperties()
            .Where(p => p.PropertyType == typeof(string))
            .Select(p => new SqlText(Events, $"OutboxSql[kernel].{p.Name}", (string)p.GetValue(sql)!));
    }

    private static IEnumerable<(string Name, string Value)> StringConstants(Type type) =>
        type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => ($"{type.Name}.{f.Name}", (string)f.GetRawConstantValue()!));
}
