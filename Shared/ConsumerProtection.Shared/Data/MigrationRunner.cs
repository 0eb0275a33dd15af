using System.Reflection;
using ConsumerProtection.Shared.Modules;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Shared.Data;

/// <summary>
/// Runs each module's DbUp migrations: embedded scripts under <c>Database/Sqlite</c> or <c>Database/SqlServer</c>
/// in the module's assembly, plus the shared audit table, journalled per schema.
/// </summary>
public sealed class MigrationRunner(ModuleCatalog catalog, StorageOptions storage, ILogger<MigrationRunner> logger, TimeProvider? time = null)
{
    /// <summary>
    /// Applies pending migrations to every module schema; throws with the failing script on error. Refuses (with
    /// <see cref="InstallationDamagedException"/>) a data folder whose installed module files are missing or damaged,
    /// before migrating would create them afresh.
    /// </summary>
    public void MigrateAll()
    {
        new InstallationGuard(storage, catalog).Check();
        foreach (var module in catalog.Modules)
        {
            var upgrader = Build(module);
            var result = upgrader.PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException(
                    $"Migration of schema '{module.Schema}' failed in script '{result.ErrorScript?.Name}'.", result.Error);
            }

            logger.LogInformation("Schema {Schema}: {Count} migration script(s) applied", module.Schema, result.Scripts.Count());
        }

        if (storage.Provider == StorageProvider.Sqlite && catalog.HasSchema(Kernel.KernelModule.SchemaName))
        {
            RecordInstalledSchemas();
        }
    }

    // The kernel's list of installed schemas is what InstallationGuard trusts (see there).
    private void RecordInstalledSchemas()
    {
        var kernel = SqliteFiles.PathFor(storage, Kernel.KernelModule.SchemaName);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = kernel, Pooling = false }.ToString());
        connection.Open();
        using var tx = connection.BeginTransaction();
        var now = (time ?? TimeProvider.System).GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var schema in catalog.Schemas)
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT OR IGNORE INTO installed_schema (schema_name, installed_at) VALUES (@schema, @at)";
            cmd.Parameters.AddWithValue("@schema", schema);
            cmd.Parameters.AddWithValue("@at", now);
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <summary>Schemas that still have scripts to run (empty when everything is applied).</summary>
    public IReadOnlyList<string> PendingSchemas() =>
        catalog.Modules.Where(m => Build(m).IsUpgradeRequired()).Select(m => m.Schema).ToList();

    /// <summary>The scripts a module ships for <paramref name="provider"/>, the shared audit and integration-event tables first.</summary>
    public static IReadOnlyList<SqlScript> ScriptsFor(IModule module, StorageProvider provider)
    {
        var folder = provider == StorageProvider.Sqlite ? ".Database.Sqlite." : ".Database.SqlServer.";
        var assembly = module.GetType().Assembly;
        var scripts = new List<SqlScript>
        {
            new(AuditTableScripts.ScriptName,
                provider == StorageProvider.Sqlite ? AuditTableScripts.Sqlite : AuditTableScripts.SqlServerFor(module.Schema)),
            new(OutboxTableScripts.ScriptName,
                provider == StorageProvider.Sqlite ? OutboxTableScripts.Sqlite : OutboxTableScripts.SqlServerFor(module.Schema)),
        };
        foreach (var name in assembly.GetManifestResourceNames()
                     .Where(n => n.Contains(folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            scripts.Add(new SqlScript(ScriptFileName(name), ReadResource(assembly, name)));
        }

        return scripts;
    }

    private static string ScriptFileName(string resourceName)
    {
        // "Ns.Database.Sqlite.0001_init.sql" -> "0001_init.sql"
        var withoutExt = resourceName[..^4];
        return withoutExt[(withoutExt.LastIndexOf('.') + 1)..] + ".sql";
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private UpgradeEngine Build(IModule module)
    {
        var scripts = ScriptsFor(module, storage.Provider);
        UpgradeEngineBuilder builder;
        if (storage.Provider == StorageProvider.Sqlite)
        {
            var path = SqliteFiles.PathFor(storage, module.Schema);
            SqliteFiles.EnsurePrivateFile(path);
            var cs = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
            EnsureWal(cs);
            builder = DeployChanges.To.SqliteDatabase(cs);
        }
        else
        {
            var cs = storage.SqlServerConnectionString
                ?? throw new InvalidOperationException("ConnectionStrings:SqlServer is required when Storage:Provider is SqlServer.");
            EnsureSqlServerSchema(cs, module.Schema);
            builder = DeployChanges.To.SqlDatabase(cs).JournalToSqlTable(module.Schema, "schema_versions");
        }

        return builder
            .WithScripts(scripts)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
    }

    private static void EnsureWal(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode = WAL;";
        cmd.ExecuteNonQuery();
    }

    private static void EnsureSqlServerSchema(string connectionString, string schema)
    {
        using var connection = new SqlConnection(connectionString);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = SqlServerStatements.EnsureSchema;
        cmd.Parameters.AddWithValue("@schema", schema);
        cmd.ExecuteNonQuery();
    }
}
