using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsumerProtection.Shared.Http;

/// <summary>
/// The API's JSON rules: camelCase, enums as exactly one defined name (<see cref="StrictEnum"/>), strict numbers,
/// unknown and repeated members rejected, no control characters in strings, instants ISO-8601 with an explicit offset.
/// </summary>
public static class JsonDefaults
{
    /// <summary>Shared options for audit snapshots and anything serialised outside the HTTP pipeline.</summary>
    public static readonly JsonSerializerOptions Options = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the API's rules to <paramref name="options"/> and returns it.</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // Answers are application/json, never embedded in HTML: keep Chinese text and offsets readable.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // A repeated member is refused: "last one wins" lets a body read one way by a gateway and another way here.
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new StrictEnumConverterFactory());
        options.Converters.Add(new StrictTextConverter());
        options.Converters.Add(new StrictInstantConverter());
        options.Converters.Add(new StrictNullableInstantConverter());
        return options;
    }

    /// <summary>Reads an instant only when it carries an explicit offset (Z or ±hh:mm); writes ISO-8601 round-trip.</summary>
    private sealed class StrictInstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ReadInstant(ref reader);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("O", CultureInfo.InvariantCulture));
    }

    private sealed class StrictNullableInstantConverter : JsonConverter<DateTimeOffset?>
    {
        public override bool HandleNull => true;

        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadInstant(ref reader);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value is { } v)
            {
                writer.WriteStringValue(v.ToString("O", CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    internal static DateTimeOffset ReadInstant(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonInputException("must be an ISO-8601 date-time string with an explicit offset, e.g. 2026-03-01T09:30:00+08:00.");
        }

        var text = reader.GetString()!;
        if (!HasOffset(text) || !DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            throw new JsonInputException("must be an ISO-8601 date-time with an explicit offset, e.g. 2026-03-01T09:30:00+08:00.");
        }

        return value;
    }

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
    ];

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
