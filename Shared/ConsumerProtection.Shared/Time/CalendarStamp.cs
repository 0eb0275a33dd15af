using System.Globalization;

namespace ConsumerProtection.Shared.Time;

/// <summary>
/// A year of the calendar as deadlines see it. <see cref="Maintained"/> is false when the year has no national schedule
/// (neither shipped nor entered by the office): working days there are only Monday to Friday, so a deadline computed on
/// it is provisional. <see cref="Version"/> goes up on every change to the year.
/// </summary>
public sealed record CalendarYearState(int Year, long Version, bool Maintained);

/// <summary>
/// Which calendar years (and versions) a deadline was computed on, e.g. <c>2026v3</c> or <c>2026v3,2027v0</c>.
/// Stored with the deadline, so a later change to one of those years is detectable and the deadline re-stamped.
/// </summary>
public readonly record struct CalendarStamp(string Text, bool Maintained)
{
    /// <summary>The stamp for a computation that looked at local days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static CalendarStamp Of(CalendarRules rules, DateOnly from, DateOnly to)
    {
        var parts = new List<string>();
        var maintained = true;
        for (var y = from.Year; y <= Math.Max(from.Year, to.Year); y++)
        {
            var state = rules.Year(y);
            maintained &= state.Maintained;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{y}v{state.Version}"));
        }

        return new CalendarStamp(string.Join(',', parts), maintained);
    }

    /// <summary>True when every year in <paramref name="stamp"/> still has the version named; false for a missing or unreadable stamp.</summary>
    public static bool IsCurrent(string? stamp, CalendarRules rules)
    {
        if (string.IsNullOrEmpty(stamp))
        {
            return false;
        }

        foreach (var part in stamp.Split(','))
        {
            var v = part.IndexOf('v', StringComparison.Ordinal);
            if (v < 1 || !int.TryParse(part.AsSpan(0, v), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                || !long.TryParse(part.AsSpan(v + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                || rules.Year(year).Version != version)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the stamp names <paramref name="year"/>.</summary>
    public static bool Covers(string? stamp, int year) =>
        stamp is not null && stamp.Split(',').Any(p => p.StartsWith(year.ToString(CultureInfo.InvariantCulture) + "v", StringComparison.Ordinal));
}
