using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Shared.Time;

/// <summary>
/// The checks a <c>cp-calendar/1</c> file passes before anything is stored. They encode how the notices are built
/// (State Council holiday notices, 调休): a block is a run of consecutive days off containing at least one weekday; a make-up
/// working day (调休上班) is always a Saturday or Sunday outside every block; all dates lie in the file's year.
/// </summary>
internal static class CalendarFileRules
{
    private const int MaxBlockDays = 14;

    public static CalendarSchedule? Validate(CalendarFile f, Validation v)
    {
        var start = v.ErrorCount;
        v.Check(f.Format == CalendarFile.FormatName, "format", $"must be \"{CalendarFile.FormatName}\".")
         .Required("year", f.Year)
         .Check(f.Year is null or >= 2000 and <= 2100, "year", "must be between 2000 and 2100.")
         .Text("source", f.Source, 200)
         .Required("noticeDate", f.NoticeDate)
         .Text("note", f.Note, 2000, required: false)
         .Check(f.Revision is null or >= 1, "revision", "must be 1 or more.")
         .Check(f.Holidays is { Count: > 0 }, "holidays", "must list at least one holiday block.");
        if (v.ErrorCount > start || f.Year is not { } year)
        {
            return null;
        }

        var days = new List<CalendarDay>();
        var taken = new Dictionary<DateOnly, string>();
        var workdays = new List<(DateOnly Date, string Field, string Name)>();
        for (var i = 0; i < f.Holidays!.Count; i++)
        {
            var b = f.Holidays[i];
            var at = $"holidays[{i}]";
            v.Text(at + ".name", b.Name, 100).Required(at + ".from", b.From).Required(at + ".to", b.To);
            if (b.From is not { } from || b.To is not { } to || string.IsNullOrWhiteSpace(b.Name))
            {
                continue;
            }

            var before = v.ErrorCount;
            v.Check(from.Year == year, at + ".from", $"must fall in {year}.")
             .Check(to.Year == year, at + ".to", $"must fall in {year}.")
             .Check(to >= from && to.DayNumber - from.DayNumber < MaxBlockDays, at + ".to", $"must be on or after from, at most {MaxBlockDays} days later.");
            if (v.ErrorCount > before)
            {
                continue;
            }

            var name = b.Name.Trim();
            var weekdays = 0;
            for (var d = from; d <= to; d = d.AddDays(1))
            {
                if (!taken.TryAdd(d, at))
                {
                    v.Add(at + ".from", $"overlaps {taken[d]} on {d:yyyy-MM-dd}.");
                    break;
                }

                if (!IsWeekend(d))
                {
                    weekdays++;
                    days.Add(new CalendarDay(d, DayKind.Holiday, name));
                }
            }

            v.Check(weekdays > 0, at, "a block of weekend days only changes nothing; list blocks that contain a weekday.");
            for (var j = 0; j < (b.Workdays?.Count ?? 0); j++)
            {
                workdays.Add((b.Workdays![j], $"{at}.workdays[{j}]", name));
            }
        }

        foreach (var (date, field, name) in workdays)
        {
            var before = v.ErrorCount;
            v.Check(date.Year == year, field, $"must fall in {year}.").Check(IsWeekend(date), field, "a make-up working day must be a Saturday or Sunday.");
            if (v.ErrorCount > before)
            {
                continue;
            }

            if (taken.TryGetValue(date, out var other))
            {
                v.Add(field, other.StartsWith("holidays", StringComparison.Ordinal) && !other.Contains("workdays", StringComparison.Ordinal)
                    ? $"falls inside {other}." : $"is listed twice (also {other}).");
                continue;
            }

            taken[date] = field;
            days.Add(new CalendarDay(date, DayKind.Workday, name + " 调休上班"));
        }

        return v.ErrorCount > start ? null
            : new CalendarSchedule(year, f.Source!.Trim(), f.NoticeDate!.Value, f.Revision ?? 1, days.OrderBy(d => d.Date).ToList());
    }

    private static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
