namespace ConsumerProtection.Shared.Data;

/// <summary>
/// The few SQL differences between SQLite and SQL Server. Query text is otherwise shared:
/// tables are always named <c>[schema].[table]</c>, which both engines accept.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>The SQLite dialect.</summary>
    public static readonly SqlDialect Sqlite = new SqliteDialect();

    /// <summary>The SQL Server dialect.</summary>
    public static readonly SqlDialect SqlServer = new SqlServerDialect();

    /// <summary>The engine this dialect speaks to.</summary>
    public abstract StorageProvider Provider { get; }

    /// <summary>Paging clause appended after ORDER BY; binds <c>@Offset</c> and <c>@Limit</c>.</summary>
    public abstract string Page { get; }

    /// <summary>Wraps a single-row SELECT so that it returns at most one row: <c>SELECT {Top1} ... {Limit1}</c>.</summary>
    public abstract string Top1 { get; }

    /// <summary>See <see cref="Top1"/>.</summary>
    public abstract string Limit1 { get; }

    /// <summary>Table hint that takes and holds an update lock while reading (serialises appenders on SQL Server; SQLite's write transaction already does).</summary>
    public abstract string UpdLockHint { get; }

    private sealed class SqliteDialect : SqlDialect
    {
        public override StorageProvider Provider => StorageProvider.Sqlite;
        public override string Page => "LIMIT @Limit OFFSET @Offset";
        public override string Top1 => "";
        public override string Limit1 => "LIMIT 1";
        public override string UpdLockHint => "";
    }

    private sealed class SqlServerDialect : SqlDialect
    {
        public override StorageProvider Provider => StorageProvider.SqlServer;
        public override string Page => "OFFSET @Offset ROWS FETCH NEXT @Limit ROWS ONLY";
        public override string Top1 => "TOP (1)";
        public override string Limit1 => "";
        public override string UpdLockHint => "WITH (UPDLOCK, HOLDLOCK)";
    }
}
