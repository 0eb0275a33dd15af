using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Host.Operations;

/// <summary>Facts about a SQLite module file that a backup records and a restore checks: row counts, chain heads, file hashes.</summary>
internal static class SqliteFacts
{
    /// <summary>The hash-chained tables: every schema's audit log and the access log. Each has <c>seq</c> and <c>row_hash</c>.</summary>
    public static readonly string[] ChainTables = ["audit_log", "access_event"];

    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30 }.ToString());
        c.Open();
        using var busy = c.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout = 30000";
        busy.ExecuteNonQuery();
        return c;
    }

    public static SortedDictionary<string, long> RowCounts(SqliteConnection c)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in Tables(c))
        {
            using var cmd = c.CreateCommand();
            // A table name from sqlite_master, quoted as an identifier; identifiers cannot be parameters.
            cmd.CommandText = $"SELECT COUNT(*) FROM {Quote(table)}";
            counts[table] = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    public static List<ChainHead> Heads(SqliteConnection c)
    {
        var tables = Tables(c).ToHashSet(StringComparer.Ordinal);
        var heads = new List<ChainHead>();
        foreach (var table in ChainTables.Where(tables.Contains))
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT seq, row_hash FROM {Quote(table)} ORDER BY seq DESC LIMIT 1";
            using var r = cmd.ExecuteReader();
            heads.Add(r.Read() ? new ChainHead(table, r.GetInt64(0), Text(r.GetValue(1))) : new ChainHead(table, 0, ""));
        }

        return heads;
    }

    /// <summary>The row hash stored at <paramref name="seq"/> of a chain table, or null when there is no such row.</summary>
    public static string? HashAt(SqliteConnection c, string table, long seq)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT row_hash FROM {Quote(table)} WHERE seq = @seq";
        cmd.Parameters.AddWithValue("@seq", seq);
        var value = cmd.ExecuteScalar();
        return value is null or DBNull ? null : Text(value);
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static List<string> Tables(SqliteConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name";
        using var r = cmd.ExecuteReader();
        var names = new List<string>();
        while (r.Read())
        {
            names.Add(r.GetString(0));
        }

        return names;
    }

    private static string Text(object value) => value is byte[] bytes ? Convert.ToHexStringLower(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
