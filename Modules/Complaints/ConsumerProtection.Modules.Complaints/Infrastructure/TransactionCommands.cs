using System.Data.Common;
using System.Globalization;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Modules.Complaints.Infrastructure;

/// <summary>
/// The lookups an intake group commit (ADR 0007) runs once per complaint — repeat link, volume-incident probes — as
/// commands created and prepared once per transaction and re-run with new values. Microsoft.Data.Sqlite otherwise
/// parses a statement anew for every command. Values take their stored form from StoredValues; the SQL is fixed text
/// from code, every value a parameter.
/// </summary>
internal sealed class TransactionCommands(DbConnection connection, DbTransaction tx, StorageProvider provider) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbConnection Connection => connection;

    public DbTransaction Transaction => tx;

    /// <summary>The first column of the first row (null when there is no row or it is NULL).</summary>
    public async Task<object?> ScalarAsync(string sql, IReadOnlyList<(string Name, object? Value)> args, CancellationToken ct)
    {
        var value = await Command(sql, args).ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    /// <summary>The first row's columns (null when there is no row); NULLs as null.</summary>
    public async Task<object?[]?> FirstRowAsync(string sql, IReadOnlyList<(string Name, object? Value)> args, CancellationToken ct)
    {
        await using var reader = await Command(sql, args).ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var row = new object?[reader.FieldCount];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return row;
    }

    /// <summary>An instant as read back: SQLite's fixed-width UTC text, or SQL Server's datetimeoffset.</summary>
    public static DateTimeOffset? Instant(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new InvalidCastException($"Cannot read an instant from {value.GetType().Name}."),
    };

    /// <summary>An id as read back: SQLite's text, or SQL Server's uniqueidentifier.</summary>
    public static Guid? Id(object? value) => value switch
    {
        null => null,
        Guid g => g,
        string s => Guid.Parse(s),
        _ => throw new InvalidCastException($"Cannot read an id from {value.GetType().Name}."),
    };

    private DbCommand Command(string sql, IReadOnlyList<(string Name, object? Value)> args)
    {
        if (!_commands.TryGetValue(sql, out var cmd))
        {
            cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            foreach (var (name, _) in args)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = name;
                cmd.Parameters.Add(p);
            }

            if (provider == StorageProvider.Sqlite)
            {
                // SqlClient would demand a size for every string parameter; sp_executesql reuses the plan anyway.
                cmd.Prepare();
            }

            _commands[sql] = cmd;
        }

        if (cmd.Parameters.Count != args.Count)
        {
            throw new InvalidOperationException("Statement run with another number of parameters than it was prepared with.");
        }

        for (var i = 0; i < args.Count; i++)
        {
            if (cmd.Parameters[i].ParameterName != args[i].Name)
            {
                throw new InvalidOperationException($"Statement run with other parameters than it was prepared with: {args[i].Name}.");
            }

            cmd.Parameters[i].Value = StoredValues.For(provider, args[i].Value);
        }

        return cmd;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cmd in _commands.Values)
        {
            await cmd.DisposeAsync();
        }

        _commands.Clear();
    }
}
