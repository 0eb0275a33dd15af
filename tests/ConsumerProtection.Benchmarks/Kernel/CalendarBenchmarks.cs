using BenchmarkDotNet.Attributes;
using ConsumerProtection.Shared.Time;

namespace ConsumerProtection.Benchmarks.Kernel;

/// <summary>Working-day arithmetic that every deadline goes through, on a year with ~30 overrides.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CalendarBenchmarks
{
    private static readonly DateOnly YearStart = new(2026, 1, 1);
    private static readonly DateOnly YearEnd = new(2026, 12, 31);
    private static readonly DateOnly OrdinaryTuesday = new(2026, 3, 10);
    private static readonly DateOnly BeforeGoldenWeek = new(2026, 9, 30);

    // The zone is not used by the benchmarked methods; UTC keeps the run independent of the machine's tz data.
    private readonly CalendarRules _rules = new(TimeZoneInfo.Utc, Overrides());

    [Benchmark]
    public DateOnly AddWorkingDays5_Ordinary() => _rules.AddWorkingDays(OrdinaryTuesday, 5);

    [Benchmark]
    public DateOnly AddWorkingDays5_AcrossGoldenWeek() => _rules.AddWorkingDays(BeforeGoldenWeek, 5);

    [Benchmark]
    public int WorkingDaysBetween_Year() => _rules.WorkingDaysBetween(YearStart, YearEnd);

    public static Dictionary<DateOnly, DayKind> Overrides()
    {
        // Shaped like a PRC holiday schedule: weekday holidays and make-up weekend working days (about 30 entries).
        var holidays = new[]
        {
            (1, 1), (1, 2),
            (2, 16), (2, 17), (2, 18), (2, 19), (2, 20), (2, 23),
            (4, 6),
            (5, 1), (5, 4), (5, 5),
            (6, 19),
            (9, 25),
            (10, 1), (10, 2), (10, 5), (10, 6), (10, 7),
        };
        var workdays = new[] { (1, 4), (2, 14), (2, 28), (4, 26), (5, 9), (9, 20), (10, 10), (10, 11) };
        var days = new Dictionary<DateOnly, DayKind>();
        foreach (var (m, d) in holidays)
        {
            days[new DateOnly(2026, m, d)] = DayKind.Holiday;
        }

        foreach (var (m, d) in workdays)
        {
            days[new DateOnly(2026, m, d)] = DayKind.Workday;
        }

        return days;
    }
}
