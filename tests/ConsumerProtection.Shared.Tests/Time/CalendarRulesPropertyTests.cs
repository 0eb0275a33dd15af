using ConsumerProtection.Shared.Time;
using static ConsumerProtection.Shared.Tests.Time.China2025Calendar;

namespace ConsumerProtection.Shared.Tests.Time;

// Seeded random checks: AddWorkingDays and WorkingDaysBetween agree with each other and with a day-by-day count.
internal sealed class CalendarRulesPropertyTests
{
    private const int Samples = 2000;
    private static readonly DateOnly First = D("2024-10-01");
    private readonly CalendarRules _rules = Rules();

    [TestCase(20250101)]
    [TestCase(424242)]
    public void WorkingDaysBetween_StartAndAddWorkingDays_EqualsCount(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Samples; i++)
        {
            var start = First.AddDays(random.Next(0, 500));
            var n = random.Next(1, 45);

            var end = _rules.AddWorkingDays(start, n);

            var at = $"start {start:yyyy-MM-dd}, n {n}, end {end:yyyy-MM-dd}";
            Assert.That(_rules.IsWorkingDay(end), Is.True, at);
            Assert.That(_rules.WorkingDaysBetween(start, end), Is.EqualTo(n), at);
            Assert.That(_rules.WorkingDaysBetween(end, start), Is.EqualTo(-n), at);
            // The first day that reaches n: one day earlier is still short.
            Assert.That(_rules.WorkingDaysBetween(start, end.AddDays(-1)), Is.EqualTo(n - 1), at);
        }
    }

    [TestCase(7)]
    [TestCase(8675309)]
    public void WorkingDaysBetween_RandomRange_MatchesDayByDayCount(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Samples; i++)
        {
            var from = First.AddDays(random.Next(0, 500));
            var to = from.AddDays(random.Next(0, 120));

            var expected = 0;
            for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            {
                expected += _rules.IsWorkingDay(d) ? 1 : 0;
            }

            Assert.That(_rules.WorkingDaysBetween(from, to), Is.EqualTo(expected), $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}");
        }
    }
}
