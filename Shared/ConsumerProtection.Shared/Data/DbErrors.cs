using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Shared.Data;

/// <summary>Engine-neutral classification of constraint errors.</summary>
public static class DbErrors
{
    /// <summary>True when <paramref name="ex"/> reports a primary-key or unique-index violation.</summary>
    public static bool IsUniqueViolation(Exception ex) => ex switch
    {
        // SQLITE_CONSTRAINT_PRIMARYKEY (1555) and SQLITE_CONSTRAINT_UNIQUE (2067)
        SqliteException s => s.SqliteExtendedErrorCode is 1555 or 2067,
        SqlException s => s.Number is 2627 or 2601,
        _ => false,
    };
}
