using ConsumerProtection.Shared.Time;

namespace ConsumerProtection.Shared.Tests.Time;

/// <summary>
/// Working days and deadlines on the shipped 2025 and 2026 schedules (State Council notices of 2024-11-12 and
/// 2025-11-04) at every holiday edge and make-up day, including receipts at 23:30 Asia/Shanghai.
/// </summary>
public sealed class ShippedCalendarRulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly CalendarRules Rules = new(Shanghai,
        ShippedCalendar.Load().SelectMany(s => s.Days).ToDictionary(d => d.Date, d => d.Kind));

    // The next working day after a day: each holiday's last working day before it, and each make-up day.
    [TestCase("2024-12-31", "2025-01-02")] // New Year 2025 (Wed Jan 1)
    [TestCase("2025-01-24", "2025-01-26")] // Spring Festival make-up Sun Jan 26
    [TestCase("2025-01-27", "2025-02-05")] // Spring Festival Jan 28 - Feb 4
    [TestCase("2025-02-07", "2025-02-08")] // make-up Sat Feb 8
    [TestCase("2025-04-03", "2025-04-07")] // Qingming Apr 4-6
    [TestCase("2025-04-25", "2025-04-27")] // Labour Day make-up Sun Apr 27
    [TestCase("2025-04-30", "2025-05-06")] // Labour Day May 1-5
    [TestCase("2025-05-30", "2025-06-03")] // Dragon Boat May 31 - Jun 2
    [TestCase("2025-09-26", "2025-09-28")] // National Day make-up Sun Sep 28
    [TestCase("2025-09-30", "2025-10-09")] // National Day and Mid-Autumn Oct 1-8
    [TestCase("2025-10-10", "2025-10-11")] // make-up Sat Oct 11
    [TestCase("2025-12-31", "2026-01-04")] // New Year 2026 Jan 1-3, make-up Sun Jan 4
    [TestCase("2026-02-13", "2026-02-14")] // Spring Festival make-up Sat Feb 14
    [TestCase("2026-02-14", "2026-02-24")] // Spring Festival Feb 15-23
    [TestCase("2026-02-27", "2026-02-28")] // make-up Sat Feb 28
    [TestCase("2026-04-03", "2026-04-07")] // Qingming Apr 4-6
    [TestCase("2026-04-30", "2026-05-06")] // Labour Day May 1-5
    [TestCase("2026-05-08", "2026-05-09")] // make-up Sat May 9
    [TestCase("2026-06-18", "2026-06-22")] // Dragon Boat Jun 19-21
    [TestCase("2026-09-18", "2026-09-20")] // National Day make-up Sun Sep 20
    [TestCase("2026-09-24", "2026-09-28")] // Mid-Autumn Sep 25-27
    [TestCase("2026-09-30", "2026-10-08")] // National Day Oct 1-7
    [TestCase("2026-10-09", "2026-10-10")] // make-up Sat Oct 10
    public void AddWorkingDays_One_OnShippedData_JumpsHolidaysAndLandsOnMakeUpDays(string from, string expected) =>
        Assert.That(Rules.AddWorkingDays(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), 1),
            Is.EqualTo(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));

    [TestCase("2026-09-30", "2026-10-09", 2)] // Oct 8, 9
    [TestCase("2026-09-19", "2026-09-20", 1)] // Sun Sep 20 is worked
    [TestCase("2026-02-13", "2026-02-28", 6)] // Feb 14 (Sat), 24, 25, 26, 27, 28 (Sat)
    [TestCase("2025-09-27", "2025-10-12", 6)] // Sep 28 (Sun), 29, 30, Oct 9, 10, 11 (Sat)
    public void WorkingDaysBetween_OnShippedData(string from, string to, int expected)
    {
        var f = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
        var t = DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture);
        var counted = Enumerable.Range(1, t.DayNumber - f.DayNumber).Select(f.AddDays).Count(Rules.IsWorkingDay);
        Assert.That(Rules.WorkingDaysBetween(f, t), Is.EqualTo(counted), "the fast count agrees with a day-by-day count");
        Assert.That(counted, Is.EqualTo(expected));
    }

    // 5 working days from a receipt at 23:30 local: the local day of receipt decides, not the UTC date.
    [TestCase("2026-09-29T15:30:00Z", "2026-10-13T00:00:00+08:00")] // Tue Sep 29 23:30: Sep 30, Oct 8, 9, 10 (Sat), 12
    [TestCase("2026-09-30T15:30:00Z", "2026-10-14T00:00:00+08:00")] // Wed Sep 30 23:30: Oct 8, 9, 10, 12, 13
    [TestCase("2026-09-30T16:30:00Z", "2026-10-14T00:00:00+08:00")] // Thu Oct 1 00:30 (a holiday): same deadline
    [TestCase("2026-02-13T15:30:00Z", "2026-02-28T00:00:00+08:00")] // Fri Feb 13 23:30: Feb 14 (Sat), 24, 25, 26, 27
    [TestCase("2025-09-30T15:30:00Z", "2025-10-15T00:00:00+08:00")] // Tue Sep 30 23:30: Oct 9, 10, 11 (Sat), 13, 14
    [TestCase("2025-12-31T15:30:00Z", "2026-01-09T00:00:00+08:00")] // Wed Dec 31 23:30: Jan 4 (Sun), 5, 6, 7, 8
    [TestCase("2026-04-30T15:30:00Z", "2026-05-12T00:00:00+08:00")] // Thu Apr 30 23:30: May 6, 7, 8, 9 (Sat), 11
    public void WorkingDayDeadline_Five_AtLateEveningLocalTime(string receivedUtc, string expected) =>
        Assert.That(Rules.WorkingDayDeadline(DateTimeOffset.Parse(receivedUtc, System.Globalization.CultureInfo.InvariantCulture), 5),
            Is.EqualTo(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
}
