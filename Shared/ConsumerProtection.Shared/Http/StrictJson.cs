using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsumerProtection.Shared.Http;

/// <summary>
/// A JSON value that is well-formed but not acceptable; its message is the field error the caller sees
/// (the error handler names the field from the JSON path).
/// </summary>
public sealed class JsonInputException(string message) : JsonException(message);

/// <summary>Enums in JSON: exactly one defined name (see <see cref="StrictEnum"/>); numbers and "A,B" are refused.</summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && StrictEnum.TryParse<T>(reader.GetString(), out var value)
                ? value
                : throw new JsonInputException(StrictEnum.Allowed(typeof(T)));

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(StrictEnum.Name(value));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            StrictEnum.TryParse<T>(reader.GetString(), out var value) ? value : throw new JsonInputException(StrictEnum.Allowed(typeof(T)));

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(StrictEnum.Name(value));
    }
}

/// <summary>
/// Strings in JSON bodies carry no control characters except tab, CR and LF (which single-line fields refuse in
/// their own validation): a NUL or an escape byte stored in a description breaks exports, logs and other systems
/// that read the record later.
/// </summary>
public sealed class StrictTextConverter : JsonConverter<string>
{
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    /// <summary>True when <paramref name="text"/> holds a control character other than tab, CR or LF.</summary>
    public static bool HasForbiddenControl(ReadOnlySpan<char> text) => text.ContainsAny(Forbidden);

    /// <inheritdoc />
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonInputException("must be a string.");
        }

        var text = reader.GetString()!;
        return HasForbiddenControl(text)
            ? throw new JsonInputException("must not contain control characters (only tab, CR and LF, where the field allows several lines).")
            : text;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
