namespace ConsumerProtection.Shared.Time;

/// <summary>How a calendar override changes a day.</summary>
public enum DayKind
{
    /// <summary>A public holiday on a weekday: not a working day.</summary>
    Holiday,

    /// <summary>A make-up working day (调休) on a weekend: a working day.</summary>
    Workday,
}

/// <summary>
/// Working-day arithmetic for the bank's calendar (State Council holiday notices, 调休): Saturdays and Sundays are
/// not working days, listed holidays are not, listed make-up weekend days are. Days are local dates in the
/// bank's time zone. Immutable: a new instance is built when an administrator changes the calendar.
/// </summary>
public sealed class CalendarRules(
    TimeZoneInfo zone, IReadOnlyDictionary<DateOnly, DayKind> overrides, IReadOnlyDictionary<int, CalendarYearState>? years = null)
{
    private static readonly Dictionary<int, CalendarYearState> NoYears = [];

    /// <summary>The bank's time zone.</summary>
    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The listed holidays and make-up working days.</summary>
    public IReadOnlyDictionary<DateOnly, DayKind> Overrides { get; } = overrides;

    /// <summary>The version and maintained state of every year that has ever been set.</summary>
    public IReadOnlyDictionary<int, CalendarYearState> Years { get; } = years ?? NoYears;

    /// <summary>A year's state; a year never set is version 0 and not maintained.</summary>
    public CalendarYearState Year(int year) => Years.TryGetValue(year, out var state) ? state : new CalendarYearState(year, 0, false);

    /// <summary>True when <paramref name="day"/> is a working day.</summary>
    public bool IsWorkingDay(DateOnly day) =>
        Overrides.TryGetValue(day, out var kind)
            ? kind == DayKind.Workday
            : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The bank-local date of an instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The working day that is <paramref name="days"/> working days after <paramref name="start"/> (which itself is not counted).
    /// Zero returns <paramref name="start"/> if it is a working day, else the next working day.</summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = start;
        if (days == 0)
        {
            while (!IsWorkingDay(day))
            {
                day = day.AddDays(1);
            }

            return day;
        }

        while (days > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                days--;
            }
        }

        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        // Whole weeks hold five weekdays; only the remainder and the overrides need a day-by-day look.
        var totalDays = to.DayNumber - from.DayNumber;
        var weeks = totalDays / 7;
        var count = weeks * 5;
        for (var d = from.AddDays(weeks * 7 + 1); d <= to; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                count++;
            }
        }

        foreach (var (day, kind) in Overrides)
        {
            if (day > from && day <= to)
            {
                var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                if (kind == DayKind.Holiday && !weekend)
                {
                    count--;
                }
                else if (kind == DayKind.Workday && weekend)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>The instant a local day ends (the next local midnight), e.g. for a deadline "by end of day".</summary>
    public DateTimeOffset EndOfLocalDay(DateOnly day)
    {
        var nextMidnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(nextMidnight, Zone.GetUtcOffset(nextMidnight));
    }

    /// <summary>The deadline <paramref name="workingDays"/> working days after an instant: the end of that local working day.</summary>
    public DateTimeOffset WorkingDayDeadline(DateTimeOffset from, int workingDays) =>
        EndOfLocalDay(AddWorkingDays(LocalDate(from), workingDays));
}
