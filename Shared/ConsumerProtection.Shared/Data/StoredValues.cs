using System.Globalization;

namespace ConsumerProtection.Shared.Data;

/// <summary>
/// The one place a .NET value becomes the value an engine stores. On SQLite, instants are fixed-width UTC ISO-8601
/// text (so text order is time order), ids lower-case text, dates yyyy-MM-dd; SQL Server takes them natively (dates as
/// a midnight <see cref="DateTime"/>). The Dapper type handlers and every raw ADO.NET command (bulk seeding, the
/// access-log append, prepared readers) use it, so a lookup always matches what was written.
/// </summary>
public static class StoredValues
{
    /// <summary>The text form of an instant in SQLite: UTC, seven fraction digits, always the same width.</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The text form of a date in SQLite.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The SQLite text form of an instant.</summary>
    public static string SqliteText(DateTimeOffset value) => value.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    /// <summary>The SQLite text form of an id.</summary>
    public static string SqliteText(Guid value) => value.ToString("D");

    /// <summary>The SQLite text form of a date.</summary>
    public static string SqliteText(DateOnly value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="value"/> as a parameter value for <paramref name="provider"/>: null becomes <see cref="DBNull"/>,
    /// ids, instants and dates their stored form; anything else is passed as it is.
    /// </summary>
    public static object For(StorageProvider provider, object? value) => value switch
    {
        null => DBNull.Value,
        Guid g when provider == StorageProvider.Sqlite => SqliteText(g),
        DateTimeOffset d when provider == StorageProvider.Sqlite => SqliteText(d),
        DateOnly d when provider == StorageProvider.Sqlite => SqliteText(d),
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        _ => value,
    };
}
