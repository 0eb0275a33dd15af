using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Modules.Complaints.Infrastructure;

/// <summary>
/// Many complaint rows in one transaction: one <see cref="ComplaintStore.Insert"/> command, prepared once, whose
/// parameter values are swapped per row. Used by the seeder and by each intake group commit (ADR 0007). Measured on
/// SQLite: about 10,000 rows/s, against 3,000 with Dapper rebuilding and re-preparing the 87 parameters per row, and
/// 4,800 with 8-row VALUES lists (binding cost grows with the square of the parameter count). Values take each
/// engine's stored form from StoredValues, as the Dapper type handlers write them.
/// </summary>
internal sealed class ComplaintInsert : IAsyncDisposable
{
    private static readonly (string Name, Func<ComplaintRow, object?> Get)[] Fields = ComplaintRow.Parameters.Split(", ")
        .Select(p => p.TrimStart('@')).Select(name => (name, Getter(typeof(ComplaintRow).GetProperty(name)!))).ToArray();

    private readonly StorageProvider _provider;
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    private ComplaintInsert(StorageProvider provider, DbCommand command, DbParameter[] parameters) =>
        (_provider, _command, _parameters) = (provider, command, parameters);

    /// <summary>A command for rows inserted in <paramref name="tx"/>; dispose it before the transaction ends.</summary>
    public static async Task<ComplaintInsert> PrepareAsync(DbConnection connection, DbTransaction tx, StorageProvider provider, CancellationToken ct)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = ComplaintStore.Insert;
        var parameters = Fields.Select(f =>
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + f.Name;
            cmd.Parameters.Add(p);
            return p;
        }).ToArray();
        if (provider == StorageProvider.Sqlite)
        {
            // SqlClient would demand a size for every string parameter; sp_executesql reuses the plan anyway.
            await cmd.PrepareAsync(ct);
        }

        return new ComplaintInsert(provider, cmd, parameters);
    }

    /// <summary>Inserts <paramref name="row"/> as it is (sealed by the caller).</summary>
    public Task<int> ExecuteAsync(ComplaintRow row, CancellationToken ct)
    {
        for (var i = 0; i < Fields.Length; i++)
        {
            _parameters[i].Value = StoredValues.For(_provider, Fields[i].Get(row));
        }

        return _command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Inserts every row of <paramref name="rows"/> in <paramref name="tx"/> (bulk seeding).</summary>
    public static async Task<int> RunAsync(DbConnection connection, DbTransaction tx, StorageProvider provider, IReadOnlyList<ComplaintRow> rows, CancellationToken ct)
    {
        await using var insert = await PrepareAsync(connection, tx, provider, ct);
        var inserted = 0;
        foreach (var row in rows)
        {
            inserted += await insert.ExecuteAsync(row, ct);
        }

        return inserted;
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();

    private static Func<ComplaintRow, object?> Getter(PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(ComplaintRow));
        return Expression.Lambda<Func<ComplaintRow, object?>>(Expression.Convert(Expression.Property(row, property), typeof(object)), row).Compile();
    }
}
