namespace ConsumerProtection.Shared.Data;

/// <summary>
/// Statements that only SQL Server runs. Every one is parse-checked with ScriptDom in the tests, since no
/// SQL Server runs on the build machines.
/// </summary>
public static class SqlServerStatements
{
    /// <summary>Creates the schema named by <c>@schema</c> when missing.</summary>
    public const string EnsureSchema = """
        IF SCHEMA_ID(@schema) IS NULL
        BEGIN
            DECLARE @sql NVARCHAR(300) = N'CREATE SCHEMA ' + QUOTENAME(@schema);
            EXEC sp_executesql @sql;
        END;
        """;

    /// <summary>Takes an exclusive session-owned application lock named <c>@resource</c>; returns &gt;= 0 on success.</summary>
    public const string GetAppLock = """
        DECLARE @result INT;
        EXEC @result = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0;
        SELECT @result;
        """;

    /// <summary>Releases the lock taken by <see cref="GetAppLock"/>.</summary>
    public const string ReleaseAppLock = """
        EXEC sp_releaseapplock @Resource = @resource, @LockOwner = 'Session';
        """;
}
