namespace ConsumerProtection.Shared.Data;

/// <summary>Which database engine stores the modules' schemas.</summary>
public enum StorageProvider
{
    /// <summary>Embedded default: one SQLite file per module schema in the data folder.</summary>
    Sqlite,

    /// <summary>Production: one SQL Server database, one schema per module.</summary>
    SqlServer,
}

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Storage:Provider</c>: Sqlite (default) or SqlServer.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary><c>Storage:DataDirectory</c>: where SQLite files and the bootstrap key live (default <c>./data</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary><c>Storage:MigrateOnStartup</c>: run migrations when the host starts (default true).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// <c>Storage:SqliteCacheMiB</c>: SQLite's page cache per connection and schema file (default 64; SQLite's own
    /// default is 2). A write that touches index pages not in the cache reads them back first; with a large log and
    /// random keys (customer references) a 2 MiB cache made appends several times slower. Memory grows only with
    /// the pages a connection actually touches.
    /// </summary>
    public int SqliteCacheMiB { get; set; } = 64;

    /// <summary><c>ConnectionStrings:SqlServer</c>, read when the provider is SqlServer.</summary>
    public string? SqlServerConnectionString { get; set; }

    /// <summary>The data directory as an absolute path.</summary>
    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);
}
