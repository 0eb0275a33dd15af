using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Kernel;
using ConsumerProtection.Shared.Modules;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace ConsumerProtection.Shared.Tests.Data;

/// <summary>The kernel schema migrated into a fresh temp folder, opened through <see cref="SqliteModuleDb"/>.</summary>
internal sealed class TempKernelDb : IDisposable
{
    private TempKernelDb(string directory)
    {
        Directory = directory;
        // The host creates the folder when it reads the storage settings (SharedKernel.ReadStorage).
        System.IO.Directory.CreateDirectory(directory);
        Storage = new StorageOptions { DataDirectory = directory };
        Runner = new MigrationRunner(new ModuleCatalog([new KernelModule()]), Storage, NullLogger<MigrationRunner>.Instance);
        Runner.MigrateAll();
        FilePath = SqliteFiles.PathFor(Storage, KernelModule.SchemaName);
        Db = new SqliteModuleDb(KernelModule.SchemaName, FilePath, ResiliencePipeline.Empty);
    }

    public string Directory { get; }
    public StorageOptions Storage { get; }
    public MigrationRunner Runner { get; }
    public string FilePath { get; }
    public SqliteModuleDb Db { get; }

    public static TempKernelDb Create() =>
        new(Path.Combine(Path.GetTempPath(), "cp-shared-tests-" + Guid.NewGuid().ToString("N")));

    /// <summary>A plain connection to the kernel file, outside the module database (no attachment, no pool).</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> on a plain connection to the kernel file.</summary>
    public void ExecuteRaw(string sql)
    {
        using var connection = OpenRaw();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Reads one value on a plain connection to the kernel file.</summary>
    public object? ScalarRaw(string sql)
    {
        using var connection = OpenRaw();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    public void Dispose()
    {
        // The WAL checkpointer opens connections on its own timer: stop it first, or it recreates files mid-delete.
        Db.Dispose();
        // Pooled connections hold the files open; release them before deleting the folder.
        Db.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A background WAL checkpoint may recreate a -wal file while the folder is being deleted (seen under heavy
            // load); a leftover temp folder is harmless, a failed teardown would fail a passing test.
        }
    }
}
