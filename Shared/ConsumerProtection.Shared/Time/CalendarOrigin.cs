namespace ConsumerProtection.Shared.Time;

/// <summary>
/// Where a calendar entry or year came from (column <c>origin</c>). Shipped: an embedded State Council schedule, which a
/// newer build may correct. Office: the office's own list for the year (entered or imported); shipped data never touches
/// it again. Local: a single day the bank added on top of the national schedule; it survives imports and shipped updates.
/// </summary>
internal static class CalendarOrigin
{
    public const string Shipped = "Shipped";
    public const string Office = "Office";
    public const string Local = "Local";

    // A stored kind is read back through the exact defined names only (ADR 0003: a row read back is a boundary too).
    public static DayKind ParseKind(string value) => value switch
    {
        nameof(DayKind.Holiday) => DayKind.Holiday,
        nameof(DayKind.Workday) => DayKind.Workday,
        _ => throw new InvalidOperationException($"calendar_day.kind holds an unknown value '{value}'."),
    };
}
