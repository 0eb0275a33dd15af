using ConsumerProtection.Shared.Kernel;
using ConsumerProtection.Shared.Modules;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Shared.Data;

/// <summary>Thrown when the data folder holds an installation whose files are missing or damaged; names the file.</summary>
public sealed class InstallationDamagedException(string message) : Exception(message);

/// <summary>
/// Checks the SQLite data folder before anything opens (and so creates) a module file. Without it a deleted or
/// renamed <c>complaints.db</c> would come back as a fresh, empty database and the host would answer as if the
/// office had never received a complaint. The kernel records each schema it installed (<c>installed_schema</c>):
/// a recorded schema whose file is missing, empty or not a SQLite database stops start-up; a schema never recorded
/// and without a file is a module added by an upgrade, and is installed as usual.
/// </summary>
public sealed class InstallationGuard(StorageOptions storage, ModuleCatalog catalog)
{
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    /// <summary>Throws <see cref="InstallationDamagedException"/> naming the first missing or damaged file.</summary>
    public void Check()
    {
        if (storage.Provider != StorageProvider.Sqlite || !catalog.HasSchema(KernelModule.SchemaName))
        {
            // One SQL Server database: DbUp's journals and the engine's own checks cover it. Without the kernel
            // (a benchmark's single module) nothing records what was installed.
            return;
        }

        var kernelPath = SqliteFiles.PathFor(storage, KernelModule.SchemaName);
        var installed = Installed(kernelPath);
        if (installed is null)
        {
            // No installed kernel: a fresh folder, unless module files say an installation was here.
            var stray = catalog.Schemas.Select(s => SqliteFiles.PathFor(storage, s))
                .FirstOrDefault(p => p != kernelPath && File.Exists(p) && new FileInfo(p).Length > 0);
            if (stray is not null)
            {
                throw new InstallationDamagedException(
                    $"{kernelPath} is missing or holds no installation, but {stray} holds data: restore {Path.GetFileName(kernelPath)} from a backup.");
            }

            return;
        }

        foreach (var schema in catalog.Schemas.Where(s => s != KernelModule.SchemaName))
        {
            var path = SqliteFiles.PathFor(storage, schema);
            if (installed.Contains(schema))
            {
                if (!File.Exists(path))
                {
                    throw new InstallationDamagedException($"{path} is missing, but schema '{schema}' is installed here: restore it from a backup.");
                }

                CheckDatabase(path, schema);
            }
            else if (File.Exists(path) && new FileInfo(path).Length > 0)
            {
                CheckDatabase(path, schema);
            }
        }
    }

    // Null when the kernel file is absent or was never migrated.
    private static HashSet<string>? Installed(string kernelPath)
    {
        if (!File.Exists(kernelPath) || new FileInfo(kernelPath).Length == 0)
        {
            return null;
        }

        CheckHeader(kernelPath, KernelModule.SchemaName);
        return Read(kernelPath, KernelModule.SchemaName, c =>
        {
            if (!HasTable(c, "SchemaVersions"))
            {
                return null;
            }

            // Installations from before the kernel recorded schemas: every existing file counts as installed.
            if (!HasTable(c, "installed_schema"))
            {
                return new HashSet<string>(StringComparer.Ordinal) { KernelModule.SchemaName };
            }

            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT schema_name FROM installed_schema";
            using var r = cmd.ExecuteReader();
            var set = new HashSet<string>(StringComparer.Ordinal);
            while (r.Read())
            {
                set.Add(r.GetString(0));
            }

            return set;
        });
    }

    private static void CheckDatabase(string path, string schema)
    {
        CheckHeader(path, schema);
        var migrated = Read(path, schema, c => HasTable(c, "SchemaVersions"));
        if (!migrated)
        {
            throw new InstallationDamagedException($"{path} holds no migrations journal, but schema '{schema}' is installed here: restore it from a backup.");
        }
    }

    private static void CheckHeader(string path, string schema)
    {
        var head = new byte[Header.Length];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (read < Header.Length || !head.AsSpan().SequenceEqual(Header))
        {
            throw new InstallationDamagedException($"{path} (schema '{schema}') is not a SQLite database (empty, truncated or overwritten): restore it from a backup.");
        }
    }

    private static T Read<T>(string path, string schema, Func<SqliteConnection, T> read)
    {
        try
        {
            using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            c.Open();
            return read(c);
        }
        catch (SqliteException ex)
        {
            throw new InstallationDamagedException($"{path} (schema '{schema}') cannot be read as a database ({ex.Message.TrimEnd('.')}): restore it from a backup.");
        }
    }

    private static bool HasTable(SqliteConnection c, string table)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name";
        cmd.Parameters.AddWithValue("@name", table);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
