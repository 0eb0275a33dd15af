using ConsumerProtection.Shared.Time;

namespace ConsumerProtection.Shared.Tests.Time;

public sealed class CalendarStampTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static CalendarRules Rules(long v2026) => new(Shanghai, new Dictionary<DateOnly, DayKind>(),
        new Dictionary<int, CalendarYearState> { [2026] = new(2026, v2026, true) });

    [Test]
    public void Of_AcrossYearEnd_NamesBothYears_AndAnUnmaintainedYearMakesItProvisional()
    {
        var stamp = CalendarStamp.Of(Rules(3), new DateOnly(2026, 12, 28), new DateOnly(2027, 1, 4));
        Assert.That(stamp, Is.EqualTo(new CalendarStamp("2026v3,2027v0", false)));
        Assert.That(CalendarStamp.Of(Rules(3), new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9)), Is.EqualTo(new CalendarStamp("2026v3", true)));
    }

    [TestCase("2026v3", 3, true)]
    [TestCase("2026v2", 3, false)]
    [TestCase("2026v3,2027v0", 3, true)]
    [TestCase("2026v3,2027v1", 3, false)]
    [TestCase(null, 3, false)]
    [TestCase("garbage", 3, false)]
    public void IsCurrent_ComparesEveryYearWithItsVersion(string? stamp, long version, bool expected) =>
        Assert.That(CalendarStamp.IsCurrent(stamp, Rules(version)), Is.EqualTo(expected));
}
