using System.Data;
using System.Globalization;
using Dapper;

namespace ConsumerProtection.Shared.Data;

/// <summary>
/// Dapper type handlers, registered once at start-up for the chosen engine. On SQLite, instants are stored as
/// fixed-width UTC ISO-8601 text (so text order is time order), ids as lower-case text, dates as yyyy-MM-dd: the forms
/// of <see cref="StoredValues"/>.
/// </summary>
public static class DapperTypeHandlers
{
    private static int _registered;

    /// <summary>The text form of an instant in SQLite: UTC, seven fraction digits, always the same width.</summary>
    public const string InstantFormat = StoredValues.InstantFormat;

    /// <summary>Registers the handlers for <paramref name="provider"/>. Later calls are ignored (handlers are process-wide).</summary>
    public static void Register(StorageProvider provider)
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        // Columns are snake_case, properties PascalCase: complaint_id maps to ComplaintId without aliases.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateOnlyHandler(provider));
        if (provider == StorageProvider.Sqlite)
        {
            SqlMapper.RemoveTypeMap(typeof(Guid));
            SqlMapper.RemoveTypeMap(typeof(Guid?));
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
            SqlMapper.AddTypeHandler(new SqliteGuidHandler());
            SqlMapper.AddTypeHandler(new SqliteInstantHandler());
        }
    }

    /// <summary>The SQLite text form of an instant.</summary>
    public static string ToSqliteText(DateTimeOffset value) => StoredValues.SqliteText(value);

    private sealed class SqliteGuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = StoredValues.SqliteText(value);
        }

        public override Guid Parse(object value) => value switch
        {
            string s => Guid.Parse(s),
            byte[] b => new Guid(b),
            Guid g => g,
            _ => throw new DataException($"Cannot read a Guid from {value.GetType().Name}."),
        };
    }

    private sealed class SqliteInstantHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = StoredValues.SqliteText(value);
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            _ => throw new DataException($"Cannot read an instant from {value.GetType().Name}."),
        };
    }

    private sealed class DateOnlyHandler(StorageProvider provider) : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = provider == StorageProvider.Sqlite ? DbType.String : DbType.Date;
            parameter.Value = StoredValues.For(provider, value);
        }

        public override DateOnly Parse(object value) => value switch
        {
            string s => DateOnly.ParseExact(s, StoredValues.DateFormat, CultureInfo.InvariantCulture),
            DateTime d => DateOnly.FromDateTime(d),
            DateOnly d => d,
            _ => throw new DataException($"Cannot read a date from {value.GetType().Name}."),
        };
    }
}
