using ConsumerProtection.Shared.Time;

namespace ConsumerProtection.Modules.Complaints.Infrastructure.Seeding;

/// <summary>
/// When complaints arrive: <c>count</c> instants over the last <c>months</c> months up to now, in time order.
/// Working days carry more than weekends and holidays; office hours more than the night.
/// </summary>
internal static class SeedArrivals
{
    // Relative arrivals per local hour 0..23.
    private static readonly double[] HourWeights =
        [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 3, 6, 7, 7, 5, 5, 6, 6, 5, 4, 3, 2, 1.5, 1, 0.6, 0.3];

    private static readonly Weighted<int> Hours = new(HourWeights.Select((w, h) => (h, w)));

    public static DateOnly FirstDay(CalendarRules rules, DateTimeOffset now, int months) => rules.LocalDate(now).AddMonths(-months);

    public static IEnumerable<DateTimeOffset> Generate(CalendarRules rules, DateTimeOffset now, int months, int count, Random rng)
    {
        var today = rules.LocalDate(now);
        var days = new List<(DateOnly Day, double Weight)>();
        for (var day = FirstDay(rules, now, months); day <= today; day = day.AddDays(1))
        {
            var weight = rules.IsWorkingDay(day) ? 1.0 : 0.4;
            days.Add((day, day == today ? weight * Math.Max(0.05, (now - rules.EndOfLocalDay(day.AddDays(-1))).TotalHours / 24) : weight));
        }

        // Largest remainder: the days' counts add up to exactly count.
        var total = days.Sum(d => d.Weight);
        var exact = days.Select(d => count * d.Weight / total).ToList();
        var counts = exact.Select(e => (int)e).ToArray();
        foreach (var i in exact.Select((e, i) => (Fraction: e - Math.Floor(e), i)).OrderByDescending(x => x.Fraction).Take(count - counts.Sum()).Select(x => x.i))
        {
            counts[i]++;
        }

        for (var d = 0; d < days.Count; d++)
        {
            var start = rules.EndOfLocalDay(days[d].Day.AddDays(-1));
            var end = d == days.Count - 1 ? now : rules.EndOfLocalDay(days[d].Day);
            var times = new DateTimeOffset[counts[d]];
            for (var i = 0; i < times.Length; i++)
            {
                var at = start + TimeSpan.FromHours(Hours.Pick(rng) + rng.NextDouble());
                // Today's later hours have not happened yet: such arrivals fall somewhere before now instead.
                times[i] = (at < end ? at : start + (end - start) * rng.NextDouble()).ToUniversalTime();
            }

            Array.Sort(times);
            foreach (var t in times)
            {
                yield return t;
            }
        }
    }
}
