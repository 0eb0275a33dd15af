using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Modules.Complaints.Infrastructure.Seeding;

/// <summary>
/// Bulk insert of complaint rows: one <see cref="ComplaintStore.Insert"/> command per transaction whose parameter
/// values are swapped per row (measured on SQLite: about 10,000 rows/s, against 3,000 with Dapper rebuilding 79
/// parameters per row, and 4,800 with 8-row VALUES lists: binding cost grows with the square of the parameter
/// count). Values take each engine's stored form from StoredValues, as the Dapper type handlers write them.
/// </summary>
internal sealed class SeedInsert
{
    private static readonly (string Name, Func<ComplaintRow, object?> Get)[] Fields = ComplaintRow.Parameters.Split(", ")
        .Select(p => p.TrimStart('@')).Select(name => (name, Getter(typeof(ComplaintRow).GetProperty(name)!))).ToArray();

    private readonly StorageProvider _provider;

    public SeedInsert(StorageProvider provider) => _provider = provider;

    public async Task<int> RunAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<ComplaintRow> rows, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = ComplaintStore.Insert;
        var parameters = Fields.Select(f =>
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + f.Name;
            cmd.Parameters.Add(p);
            return p;
        }).ToArray();
        if (_provider == StorageProvider.Sqlite)
        {
            // SqlClient would demand a size for every string parameter; sp_executesql reuses the plan anyway.
            await cmd.PrepareAsync(ct);
        }

        var inserted = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < Fields.Length; i++)
            {
                parameters[i].Value = StoredValues.For(_provider, Fields[i].Get(row));
            }

            inserted += await cmd.ExecuteNonQueryAsync(ct);
        }

        return inserted;
    }

    private static Func<ComplaintRow, object?> Getter(PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(ComplaintRow));
        return Expression.Lambda<Func<ComplaintRow, object?>>(Expression.Convert(Expression.Property(row, property), typeof(object)), row).Compile();
    }
}
