using System.Text.Json;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Shared.Time;

/// <summary>
/// One year's national holiday schedule in the import format <c>cp-calendar/1</c>, written the way the State Council's
/// notice (国务院办公厅关于部分节假日安排的通知) reads: holiday blocks, each with the weekend days worked to make up for it.
/// </summary>
public sealed record CalendarFile(
    string? Format, int? Year, string? Source, DateOnly? NoticeDate, string? Note, int? Revision, List<CalendarFile.Block>? Holidays)
{
    /// <summary>The only format name accepted.</summary>
    public const string FormatName = "cp-calendar/1";

    /// <summary>A holiday block: every day from <see cref="From"/> to <see cref="To"/> is off; <see cref="Workdays"/> are weekend days worked.</summary>
    public sealed record Block(string? Name, DateOnly? From, DateOnly? To, List<DateOnly>? Workdays);

    /// <summary>Parses and validates <paramref name="json"/>; on any error returns null and the field errors (nothing partial).</summary>
    public static CalendarSchedule? Parse(string json, Validation v)
    {
        CalendarFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CalendarFile>(json, JsonDefaults.Options);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            v.Add(field, $"is not valid here (line {(ex.LineNumber ?? 0) + 1}): {FirstLine(ex.Message)}");
            return null;
        }

        if (file is null)
        {
            v.Add("body", "must be a JSON object.");
            return null;
        }

        return CalendarFileRules.Validate(file, v);
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

/// <summary>A validated year: the days to store (weekday holidays and weekend make-up working days), with its source.</summary>
public sealed record CalendarSchedule(int Year, string Source, DateOnly NoticeDate, int Revision, IReadOnlyList<CalendarDay> Days);

/// <summary>One stored calendar entry.</summary>
public sealed record CalendarDay(DateOnly Date, DayKind Kind, string Name);
