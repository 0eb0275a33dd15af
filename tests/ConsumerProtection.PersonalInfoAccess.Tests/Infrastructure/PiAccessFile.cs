using Microsoft.Data.Sqlite;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;

/// <summary>Reads a host's access-log file directly (read-only, unpooled), for tests that stop or kill the host process.</summary>
internal static class PiAccessFile
{
    public static SqliteConnection Open(string dataDirectory)
    {
        var c = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "piaccess.db")};Mode=ReadOnly;Pooling=False");
        c.Open();
        return c;
    }

    /// <summary>Every stored event id with its seq.</summary>
    public static Dictionary<Guid, long> StoredEventIds(string dataDirectory)
    {
        using var c = Open(dataDirectory);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT event_id, seq FROM access_event";
        using var r = cmd.ExecuteReader();
        var ids = new Dictionary<Guid, long>();
        while (r.Read())
        {
            ids[Guid.Parse(r.GetString(0))] = r.GetInt64(1);
        }

        return ids;
    }
}
