using System.Globalization;
using ConsumerProtection.Shared.Time;

namespace ConsumerProtection.Shared.Tests.Time;

/// <summary>
/// China's official 2025 holiday schedule (State Council notice), as an administrator would enter it:
/// only weekday holidays are listed as <see cref="DayKind.Holiday"/>, only weekend make-up days as
/// <see cref="DayKind.Workday"/>. New Year 2026 (Jan 1–3 off, Sun Jan 4 worked) is added for year-end cases.
/// </summary>
internal static class China2025Calendar
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly string[] Holidays2025 =
    [
        "2025-01-01",                                                             // New Year (Wed)
        "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-03", "2025-02-04", // Spring Festival
        "2025-04-04",                                                             // Qingming (Fri)
        "2025-05-01", "2025-05-02", "2025-05-05",                                 // Labour Day
        "2025-06-02",                                                             // Dragon Boat (Mon)
        "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08", // National Day + Mid-Autumn
    ];

    private static readonly string[] Workdays2025 =
    [
        "2025-01-26", "2025-02-08", // Spring Festival make-up (Sun, Sat)
        "2025-04-27",               // Labour Day make-up (Sun)
        "2025-09-28", "2025-10-11", // National Day make-up (Sun, Sat)
    ];

    private static readonly string[] Holidays2026NewYear = ["2026-01-01", "2026-01-02"];
    private static readonly string[] Workdays2026NewYear = ["2026-01-04"];

    /// <summary>The 2025 schedule plus New Year 2026, in the bank's zone.</summary>
    public static CalendarRules Rules() => new(Shanghai, Overrides());

    /// <summary>The same listed days in another zone (for time-zone tests).</summary>
    public static CalendarRules Rules(TimeZoneInfo zone) => new(zone, Overrides());

    public static Dictionary<DateOnly, DayKind> Overrides()
    {
        var days = new Dictionary<DateOnly, DayKind>();
        foreach (var d in Holidays2025.Concat(Holidays2026NewYear))
        {
            days.Add(D(d), DayKind.Holiday);
        }

        foreach (var d in Workdays2025.Concat(Workdays2026NewYear))
        {
            days.Add(D(d), DayKind.Workday);
        }

        return days;
    }

    public static DateOnly D(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
