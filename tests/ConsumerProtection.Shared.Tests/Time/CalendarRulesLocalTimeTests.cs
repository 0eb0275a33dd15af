using System.Globalization;
using ConsumerProtection.Shared.Time;
using static ConsumerProtection.Shared.Tests.Time.China2025Calendar;

namespace ConsumerProtection.Shared.Tests.Time;

// The bank's time zone decides the day: LocalDate, WorkingDayDeadline and EndOfLocalDay.
internal sealed class CalendarRulesLocalTimeTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private readonly CalendarRules _rules = Rules();

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    [TestCase("2025-09-30T23:30:00+08:00", "2025-09-30", TestName = "LocalDate_LateEveningInShanghai_SameDay")]
    [TestCase("2025-09-30T15:59:59Z", "2025-09-30", TestName = "LocalDate_UtcOneSecondBeforeLocalMidnight_SameDay")]
    [TestCase("2025-09-30T16:30:00Z", "2025-10-01", TestName = "LocalDate_UtcAfternoon_AlreadyNextDayInShanghai")]
    [TestCase("2025-10-01T00:30:00+09:00", "2025-09-30", TestName = "LocalDate_OffsetEastOfShanghai_PreviousDay")]
    public void LocalDate(string instant, string expected) =>
        Assert.That(_rules.LocalDate(At(instant)), Is.EqualTo(D(expected)));

    [Test]
    public void WorkingDayDeadline_LateEveningLocal_CountsFromThatDay()
    {
        var deadline = _rules.WorkingDayDeadline(At("2025-09-30T23:30:00+08:00"), 1);

        // Sep 30 + 1 working day = Oct 9 (after the golden week); the deadline is that day's end.
        Assert.That(deadline, Is.EqualTo(At("2025-10-10T00:00:00+08:00")));
        Assert.That(deadline.Offset, Is.EqualTo(TimeSpan.FromHours(8)));
    }

    [Test]
    public void WorkingDayDeadline_ZeroDaysLateEveningLocal_EndOfThatSameDay() =>
        Assert.That(_rules.WorkingDayDeadline(At("2025-09-30T23:30:00+08:00"), 0),
            Is.EqualTo(At("2025-10-01T00:00:00+08:00")));

    [Test]
    public void WorkingDayDeadline_ZeroDaysUtcInstantAlreadyOctoberFirst_EndOfFirstDayAfterHoliday()
    {
        // 16:30Z is 00:30 on Oct 1 in Shanghai, a holiday: the next working day is Oct 9.
        var deadline = _rules.WorkingDayDeadline(At("2025-09-30T16:30:00Z"), 0);

        Assert.That(deadline, Is.EqualTo(At("2025-10-10T00:00:00+08:00")));
    }

    [Test]
    public void EndOfLocalDay_Shanghai_NextMidnightAtPlusEight()
    {
        var end = _rules.EndOfLocalDay(D("2025-03-30"));

        Assert.That(end.Offset, Is.EqualTo(TimeSpan.FromHours(8)));
        Assert.That(end.UtcDateTime, Is.EqualTo(new DateTime(2025, 3, 30, 16, 0, 0, DateTimeKind.Utc)));
    }

    [Test]
    public void EndOfLocalDay_ShanghaiAllYear_DaysAreTwentyFourHours()
    {
        // Asia/Shanghai has no daylight saving: every local day is 24 hours long.
        for (var day = D("2025-01-01"); day <= D("2025-12-31"); day = day.AddDays(1))
        {
            var length = _rules.EndOfLocalDay(day) - _rules.EndOfLocalDay(day.AddDays(-1));
            Assert.That(length, Is.EqualTo(TimeSpan.FromHours(24)), $"{day:yyyy-MM-dd}");
        }
    }

    [TestCase("2025-03-29", "2025-03-30T00:00:00+00:00", TestName = "EndOfLocalDay_LondonBeforeSpringChange_Gmt")]
    [TestCase("2025-03-30", "2025-03-31T00:00:00+01:00", TestName = "EndOfLocalDay_LondonSpringChangeDay_Bst")]
    [TestCase("2025-10-25", "2025-10-26T00:00:00+01:00", TestName = "EndOfLocalDay_LondonBeforeAutumnChange_Bst")]
    [TestCase("2025-10-26", "2025-10-27T00:00:00+00:00", TestName = "EndOfLocalDay_LondonAutumnChangeDay_Gmt")]
    public void EndOfLocalDay_London(string day, string expected)
    {
        var end = Rules(London).EndOfLocalDay(D(day));

        Assert.That(end, Is.EqualTo(At(expected)));
        Assert.That(end.Offset, Is.EqualTo(At(expected).Offset));
    }

    [TestCase("2025-03-30", 23, TestName = "EndOfLocalDay_LondonSpringChangeDay_23Hours")]
    [TestCase("2025-10-26", 25, TestName = "EndOfLocalDay_LondonAutumnChangeDay_25Hours")]
    public void EndOfLocalDay_LondonChangeDayLength(string day, int hours)
    {
        var rules = Rules(London);
        var length = rules.EndOfLocalDay(D(day)) - rules.EndOfLocalDay(D(day).AddDays(-1));

        Assert.That(length, Is.EqualTo(TimeSpan.FromHours(hours)));
    }
}
