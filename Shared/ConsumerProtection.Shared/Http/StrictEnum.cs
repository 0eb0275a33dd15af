using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace ConsumerProtection.Shared.Http;

/// <summary>
/// The one enum policy for every value that crosses a trust boundary (JSON body, query, route, claim, configuration,
/// a row read back): a value is exactly one defined member name, compared case-sensitively. Numbers, comma-joined
/// lists and undefined names are refused. <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/> is not used: it
/// takes "3" and "A,B" and ORs the members together, which turned two harmless roles into Admin.
/// </summary>
public static class StrictEnum
{
    private static readonly ConcurrentDictionary<Type, Table> Tables = new();

    /// <summary>Parses <paramref name="value"/> as exactly one defined name of <typeparamref name="T"/>.</summary>
    public static bool TryParse<T>(string? value, out T result) where T : struct, Enum
    {
        if (value is not null && TableOf(typeof(T)).ByName.TryGetValue(value, out var boxed))
        {
            result = (T)boxed;
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Parses <paramref name="value"/> as exactly one defined name of <paramref name="enumType"/>.</summary>
    public static bool TryParse(Type enumType, string? value, out object? result)
    {
        result = null;
        return value is not null && TableOf(enumType).ByName.TryGetValue(value, out result);
    }

    /// <summary>The defined names of <paramref name="enumType"/>, in declaration order.</summary>
    public static IReadOnlyList<string> Names(Type enumType) => TableOf(enumType).Names;

    /// <summary>The defined name of <paramref name="value"/>; throws for a value that is not exactly one member.</summary>
    public static string Name<T>(T value) where T : struct, Enum =>
        TableOf(typeof(T)).ByValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} has no member with this value.");

    /// <summary>True when <paramref name="value"/> is exactly one defined member (not a combination).</summary>
    public static bool IsDefined<T>(T value) where T : struct, Enum => TableOf(typeof(T)).ByValue.ContainsKey(value);

    /// <summary>The sentence a field error carries: which names are allowed.</summary>
    public static string Allowed(Type enumType) =>
        $"must be exactly one of: {string.Join(", ", TableOf(enumType).Names)} (case-sensitive).";

    /// <summary>
    /// Reads a value stored by this product back from the database. A value that is not a defined name means the row
    /// was changed outside the API: it is reported as a <see cref="StoredValueException"/> naming the field, for the
    /// caller to turn into an error for that row only.
    /// </summary>
    public static T FromStored<T>(string? value, string field) where T : struct, Enum =>
        TryParse<T>(value, out var result) ? result : throw new StoredValueException(field, typeof(T));

    /// <summary>Like <see cref="FromStored{T}(string?, string)"/> for a nullable column.</summary>
    public static T? FromStoredOrNull<T>(string? value, string field) where T : struct, Enum =>
        value is null ? null : FromStored<T>(value, field);

    private static Table TableOf(Type type) => Tables.GetOrAdd(type, static t =>
    {
        if (!t.IsEnum)
        {
            throw new ArgumentException($"{t.Name} is not an enum.", nameof(type));
        }

        var names = Enum.GetNames(t);
        var byName = names.ToFrozenDictionary(n => n, n => Enum.Parse(t, n), StringComparer.Ordinal);
        var byValue = names.ToFrozenDictionary(n => Enum.Parse(t, n), n => n);
        return new Table(names, byName, byValue);
    });

    private sealed record Table(string[] Names, FrozenDictionary<string, object> ByName, FrozenDictionary<object, string> ByValue);
}

/// <summary>A value read back from the database is not one this product writes: the row was changed outside the API.</summary>
public sealed class StoredValueException(string field, Type type)
    : Exception($"The stored value of '{field}' is not a defined {type.Name}; the record was changed outside the API.")
{
    /// <summary>The field whose stored value is invalid.</summary>
    public string Field { get; } = field;
}
