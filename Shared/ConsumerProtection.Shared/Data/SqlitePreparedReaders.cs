using System.Collections.Concurrent;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Shared.Data;

/// <summary>
/// Reader connections that keep their statements prepared. Microsoft.Data.Sqlite prepares a statement anew for every
/// command, and for a wide row that costs several times the lookup itself (measured: ~125 µs of ~155 µs for a
/// 79-column row by id). Each reader is used by one caller at a time; idle readers wait in a bag.
/// </summary>
internal sealed class SqlitePreparedReaders(Func<CancellationToken, Task<SqliteConnection>> open) : IDisposable
{
    private const int MaxIdle = 64;

    /// <summary>
    /// Statements one reader keeps prepared; past it the oldest is closed. Callers pass texts from fixed sets, but a
    /// set can be large (the access log's filter combinations), and each prepared statement holds memory per reader.
    /// </summary>
    internal const int MaxStatementsPerReader = 32;

    // Row parsers by statement and row type. Dapper's GetRowParser looks its parser up under one global lock, keyed by
    // every column's name and type read back from the row; with 32 concurrent readers that lookup (and the spinning
    // on its lock) cost more host CPU than the query itself. A statement's columns are fixed, so the parser is built
    // once per statement. SQLite types values per row, not per column: a row whose stored types differ from the
    // ones the cached parser was built for makes the parser throw, and that row is parsed with a fresh one instead.
    private static readonly ConcurrentDictionary<(string Sql, Type Row), Func<System.Data.Common.DbDataReader, object>> Parsers = new();
    private readonly ConcurrentBag<Reader> _idle = new();

    public Task<T?> QueryFirstAsync<T>(string sql, IReadOnlyList<(string Name, object? Value)> args, CancellationToken ct) =>
        RunAsync(sql, args, async rows => await rows.ReadAsync(ct) ? (T?)Parse(sql, typeof(T), rows) : default, ct);

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, IReadOnlyList<(string Name, object? Value)> args, CancellationToken ct) =>
        RunAsync<IReadOnlyList<T>>(sql, args, async rows =>
        {
            var result = new List<T>();
            while (await rows.ReadAsync(ct))
            {
                result.Add((T)Parse(sql, typeof(T), rows));
            }

            return result;
        }, ct);

    // Takes an idle reader (or opens one), binds args to the statement prepared for sql on it, reads, and gives the reader
    // back; a reader whose command failed is closed, not reused.
    private async Task<TResult> RunAsync<TResult>(
        string sql, IReadOnlyList<(string Name, object? Value)> args, Func<SqliteDataReader, Task<TResult>> read, CancellationToken ct)
    {
        var reader = _idle.TryTake(out var r) ? r : new Reader(await open(ct));
        try
        {
            var command = reader.Command(sql, args);
            for (var i = 0; i < args.Count; i++)
            {
                command.Parameters[i].Value = ToSqlite(args[i].Value);
            }

            TResult result;
            await using (var rows = await command.ExecuteReaderAsync(ct))
            {
                result = await read(rows);
            }

            Return(reader);
            return result;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static object Parse(string sql, Type type, System.Data.Common.DbDataReader rows)
    {
        if (Parsers.TryGetValue((sql, type), out var cached))
        {
            try
            {
                return cached(rows);
            }
            catch (Exception e) when (e is InvalidCastException or System.Data.DataException)
            {
                // This row's stored types differ from the ones the cached parser expects: parse it the slow way.
            }
        }

        var parser = rows.GetRowParser(type);
        var value = parser(rows);
        Parsers.TryAdd((sql, type), parser);
        return value;
    }

    private void Return(Reader reader)
    {
        if (_idle.Count < MaxIdle)
        {
            _idle.Add(reader);
        }
        else
        {
            reader.Dispose();
        }
    }

    // The same stored forms the Dapper type handlers write (StoredValues), so lookups match stored values.
    private static object ToSqlite(object? value) => value is Enum e ? e.ToString() : StoredValues.For(StorageProvider.Sqlite, value);

    /// <summary>How many statements each idle reader holds prepared (for tests).</summary>
    internal IReadOnlyList<int> PreparedCounts() => [.. _idle.Select(r => r.PreparedCount)];

    public void Dispose()
    {
        while (_idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private sealed class Reader(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public int PreparedCount => _commands.Count;

        public SqliteCommand Command(string sql, IReadOnlyList<(string Name, object? Value)> args)
        {
            if (_commands.TryGetValue(sql, out var command))
            {
                // Values bind by position: a caller that names them differently for the same text is a bug, not a query.
                var parameters = command.Parameters;
                var matches = parameters.Count == args.Count;
                for (var i = 0; matches && i < args.Count; i++)
                {
                    matches = parameters[i].ParameterName.AsSpan(1).SequenceEqual(args[i].Name.AsSpan().TrimStart('@'));
                }

                return matches ? command : throw new InvalidOperationException("The arguments do not match the statement prepared for this text.");
            }

            if (_commands.Count >= MaxStatementsPerReader)
            {
                var oldest = _order.Dequeue();
                _commands.Remove(oldest, out var closed);
                closed!.Dispose();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in args)
            {
                command.Parameters.Add(new SqliteParameter("@" + name.TrimStart('@'), null));
            }

            command.Prepare();
            _commands[sql] = command;
            _order.Enqueue(sql);
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            connection.Dispose();
        }
    }
}
