using System.Reflection;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Kernel;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ConsumerProtection.Architecture.Tests;

/// <summary>
/// No SQL Server runs on the build machines, so every module's T-SQL is parse-checked here: its SQL Server
/// migration scripts, every SQL text it holds in a string constant or static read-only field, and every static
/// <c>string X(SqlDialect)</c> builder called with the SQL Server dialect (query SQL is
/// shared by both engines, so it must be valid T-SQL too), with the SQL Server paging clause where ordered.
/// The kernel's own texts are checked in more depth in ConsumerProtection.Shared.Tests.
/// </summary>
public sealed class SqlServerParseTests
{
    private static readonly string[] Dml = ["SELECT", "INSERT", "UPDATE", "DELETE"];

    private static IEnumerable<(string Name, string Sql)> Texts()
    {
        foreach (var module in ConsumerProtection.Host.HostModules.All().Where(m => m is not KernelModule))
        {
            foreach (var script in MigrationRunner.ScriptsFor(module, StorageProvider.SqlServer))
            {
                yield return ($"{module.Schema}:{script.Name}", script.Contents);
            }

            const BindingFlags all = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            foreach (var type in module.GetType().Assembly.GetTypes())
            {
                foreach (var field in type.GetFields(all).Where(f => f.FieldType == typeof(string) && (f.IsLiteral || f.IsInitOnly)))
                {
                    var value = (string?)(field.IsLiteral ? field.GetRawConstantValue() : field.GetValue(null));
                    if (value is not null && Dml.Any(k => value.TrimStart().StartsWith(k, StringComparison.OrdinalIgnoreCase)))
                    {
                        yield return ($"{type.Name}.{field.Name}", value);
                        if (value.Contains("ORDER BY", StringComparison.OrdinalIgnoreCase))
                        {
                            yield return ($"{type.Name}.{field.Name} + Page", value + " " + SqlDialect.SqlServer.Page);
                        }
                    }
                }

                // SQL built per dialect (a lock hint, TOP/LIMIT): static string methods taking only a SqlDialect, in SQL Server's form.
                foreach (var method in type.GetMethods(all).Where(m => m.ReturnType == typeof(string)
                    && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(SqlDialect) && !m.ContainsGenericParameters))
                {
                    if (method.Invoke(null, [SqlDialect.SqlServer]) is string value && Dml.Any(k => value.TrimStart().StartsWith(k, StringComparison.OrdinalIgnoreCase)))
                    {
                        yield return ($"{type.Name}.{method.Name}(SqlServer)", value);
                    }
                }
            }
        }
    }

    internal static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors;
    }

    [Test]
    public void EveryModuleSqlText_ParsesAsTSql()
    {
        var texts = Texts().ToList();
        Assert.That(texts, Has.Count.GreaterThan(20), "the scan found the modules' SQL");
        var failures = texts
            .Select(t => (t.Name, Errors: Parse(t.Sql)))
            .Where(t => t.Errors.Count > 0)
            .Select(t => $"{t.Name}: {string.Join("; ", t.Errors.Select(e => $"line {e.Line}: {e.Message}"))}")
            .ToList();
        Assert.That(failures, Is.Empty, $"{texts.Count} texts parsed");
    }

    [Test]
    public void DialectBuiltSql_IsParsedInItsSqlServerForm() =>
        Assert.That(Texts().Select(t => t.Name), Does.Contain("ReferenceNumbers.SelectCounter(SqlServer)").And.Contain("PurgeLedger.BuildHead(SqlServer)"));

    [Test]
    public void Parse_BrokenStatement_ReportsErrors() =>
        Assert.That(Parse("SELECT FROM WHERE [complaints].[complaint] LIMIT 1"), Is.Not.Empty);
}
