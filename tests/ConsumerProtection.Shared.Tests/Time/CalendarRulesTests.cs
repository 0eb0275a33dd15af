using ConsumerProtection.Shared.Time;
using static ConsumerProtection.Shared.Tests.Time.China2025Calendar;

namespace ConsumerProtection.Shared.Tests.Time;

// Working-day arithmetic against China's 2025 schedule (State Council holiday notices, 调休).
internal sealed class CalendarRulesTests
{
    private readonly CalendarRules _rules = Rules();

    [Test]
    public void Fixture_ListedDays_OnlyWeekdayHolidaysAndWeekendWorkdays()
    {
        foreach (var (day, kind) in _rules.Overrides)
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            Assert.That(weekend, Is.EqualTo(kind == DayKind.Workday), $"{day:yyyy-MM-dd} {day.DayOfWeek} listed as {kind}");
        }
    }

    [TestCase("2025-03-12", true, TestName = "IsWorkingDay_PlainWednesday_True")]
    [TestCase("2025-03-15", false, TestName = "IsWorkingDay_PlainSaturday_False")]
    [TestCase("2025-10-01", false, TestName = "IsWorkingDay_NationalDayWednesday_False")]
    [TestCase("2025-09-28", true, TestName = "IsWorkingDay_MakeUpSunday_True")]
    [TestCase("2025-10-11", true, TestName = "IsWorkingDay_MakeUpSaturday_True")]
    [TestCase("2025-10-04", false, TestName = "IsWorkingDay_SaturdayInsideGoldenWeek_False")]
    public void IsWorkingDay(string day, bool expected) =>
        Assert.That(_rules.IsWorkingDay(D(day)), Is.EqualTo(expected));

    [TestCase("2025-03-07", 1, "2025-03-10", TestName = "AddWorkingDays_FridayPlusOne_NextMonday")]
    [TestCase("2025-03-07", 5, "2025-03-14", TestName = "AddWorkingDays_FridayPlusFive_NextFriday")]
    [TestCase("2025-01-27", 1, "2025-02-05", TestName = "AddWorkingDays_EveOfSpringFestival_FirstDayAfterHoliday")]
    [TestCase("2025-01-24", 1, "2025-01-26", TestName = "AddWorkingDays_FridayBeforeMakeUpSunday_MakeUpSunday")]
    [TestCase("2025-02-07", 1, "2025-02-08", TestName = "AddWorkingDays_FridayBeforeMakeUpSaturday_MakeUpSaturday")]
    [TestCase("2025-04-03", 1, "2025-04-07", TestName = "AddWorkingDays_BeforeQingmingFriday_Monday")]
    [TestCase("2025-04-25", 1, "2025-04-27", TestName = "AddWorkingDays_FridayBeforeLabourDayMakeUp_MakeUpSunday")]
    [TestCase("2025-04-30", 1, "2025-05-06", TestName = "AddWorkingDays_BeforeLabourDay_TuesdayAfter")]
    [TestCase("2025-05-30", 1, "2025-06-03", TestName = "AddWorkingDays_BeforeDragonBoatMonday_Tuesday")]
    [TestCase("2025-09-26", 1, "2025-09-28", TestName = "AddWorkingDays_FridayBeforeNationalDayMakeUp_MakeUpSunday")]
    [TestCase("2025-09-26", 4, "2025-10-09", TestName = "AddWorkingDays_AcrossGoldenWeek_SkipsEightDays")]
    [TestCase("2025-09-30", 3, "2025-10-11", TestName = "AddWorkingDays_AfterGoldenWeek_CountsMakeUpSaturday")]
    [TestCase("2025-09-29", 5, "2025-10-13", TestName = "AddWorkingDays_FiveDayTargetFiledBeforeGoldenWeek_October13")]
    [TestCase("2024-12-31", 1, "2025-01-02", TestName = "AddWorkingDays_YearEnd2024_SkipsNewYear")]
    [TestCase("2025-12-31", 1, "2026-01-04", TestName = "AddWorkingDays_YearEnd2025_NewYearMakeUpSunday")]
    [TestCase("2025-12-31", 2, "2026-01-05", TestName = "AddWorkingDays_YearEnd2025PlusTwo_Monday")]
    public void AddWorkingDays(string start, int days, string expected) =>
        Assert.That(_rules.AddWorkingDays(D(start), days), Is.EqualTo(D(expected)));

    [TestCase("2025-03-12", "2025-03-12", TestName = "AddWorkingDays_ZeroOnWorkingDay_SameDay")]
    [TestCase("2025-03-15", "2025-03-17", TestName = "AddWorkingDays_ZeroOnSaturday_Monday")]
    [TestCase("2025-10-01", "2025-10-09", TestName = "AddWorkingDays_ZeroOnHoliday_FirstDayAfterHoliday")]
    [TestCase("2025-10-04", "2025-10-09", TestName = "AddWorkingDays_ZeroOnWeekendInsideHoliday_FirstDayAfterHoliday")]
    [TestCase("2025-09-27", "2025-09-28", TestName = "AddWorkingDays_ZeroOnSaturdayBeforeMakeUpSunday_MakeUpSunday")]
    [TestCase("2025-09-28", "2025-09-28", TestName = "AddWorkingDays_ZeroOnMakeUpSunday_SameDay")]
    [TestCase("2026-01-01", "2026-01-04", TestName = "AddWorkingDays_ZeroOnNewYear2026_MakeUpSunday")]
    public void AddWorkingDays_Zero(string start, string expected) =>
        Assert.That(_rules.AddWorkingDays(D(start), 0), Is.EqualTo(D(expected)));

    [Test]
    public void AddWorkingDays_NegativeCount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _rules.AddWorkingDays(D("2025-03-12"), -1));

    [TestCase("2025-03-12", "2025-03-12", 0, TestName = "WorkingDaysBetween_SameDay_Zero")]
    [TestCase("2025-03-07", "2025-03-10", 1, TestName = "WorkingDaysBetween_FridayToMonday_One")]
    [TestCase("2025-03-08", "2025-03-09", 0, TestName = "WorkingDaysBetween_SaturdayToSunday_Zero")]
    [TestCase("2025-09-30", "2025-10-13", 4, TestName = "WorkingDaysBetween_AcrossGoldenWeek_CountsMakeUpSaturday")]
    [TestCase("2025-09-26", "2025-09-30", 3, TestName = "WorkingDaysBetween_AcrossMakeUpSunday_CountsIt")]
    [TestCase("2025-01-24", "2025-02-10", 7, TestName = "WorkingDaysBetween_AcrossSpringFestival_CountsBothMakeUpDays")]
    [TestCase("2025-04-30", "2025-05-06", 1, TestName = "WorkingDaysBetween_AcrossLabourDay_One")]
    [TestCase("2024-12-31", "2025-01-03", 2, TestName = "WorkingDaysBetween_AcrossNewYear2025_Two")]
    [TestCase("2025-12-31", "2026-01-05", 2, TestName = "WorkingDaysBetween_AcrossNewYear2026_CountsMakeUpSunday")]
    [TestCase("2024-12-31", "2025-12-31", 248, TestName = "WorkingDaysBetween_Whole2025_248OfficialWorkingDays")]
    [TestCase("2025-10-13", "2025-09-30", -4, TestName = "WorkingDaysBetween_ReversedAcrossGoldenWeek_Negative")]
    [TestCase("2025-03-10", "2025-03-07", -1, TestName = "WorkingDaysBetween_MondayBackToFriday_MinusOne")]
    public void WorkingDaysBetween(string from, string to, int expected) =>
        Assert.That(_rules.WorkingDaysBetween(D(from), D(to)), Is.EqualTo(expected));

    [Test]
    public void WorkingDaysBetween_OverridesThatRestateTheWeekday_NotCountedTwice()
    {
        // An administrator may list a weekend holiday or a weekday workday; neither changes anything.
        var overrides = Overrides();
        overrides[D("2025-02-01")] = DayKind.Holiday; // Saturday inside Spring Festival
        overrides[D("2025-03-12")] = DayKind.Workday; // an ordinary Wednesday
        var rules = new CalendarRules(Shanghai, overrides);

        Assert.That(rules.WorkingDaysBetween(D("2025-01-24"), D("2025-03-14")),
            Is.EqualTo(_rules.WorkingDaysBetween(D("2025-01-24"), D("2025-03-14"))));
    }
}
