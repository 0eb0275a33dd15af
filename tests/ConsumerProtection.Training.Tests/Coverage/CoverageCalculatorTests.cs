using ConsumerProtection.Modules.Training.Domain;

namespace ConsumerProtection.Training.Tests.Coverage;

/// <summary>The judgement rules one by one: windows, new hires, filters, overdue.</summary>
public sealed class CoverageCalculatorTests
{
    private static readonly Requirement Annual = new("ANNUAL", "a", RequirementKind.Annual, [], [], [], 1, 120, null, "plan 6 art. 39");
    private static readonly Requirement NewHire = new("NEW-HIRE", "n", RequirementKind.NewHire, [], [], [], 1, 0, 90, "plan 6 art. 12");
    private static readonly Requirement Handlers = new("CH", "c", RequirementKind.Annual, [], ["ComplaintHandler"], [Topic.ComplaintHandling], 2, 0, null, "plan 4");

    private static StaffFacts Staff(DateOnly hire, string? position = null) => new("E1", "B1", null, RoleCategory.FrontLine, position, hire, null);

    private static QualifyingRecord R(int month, int day, Topic topic = Topic.ConsumerProtectionPolicy, int minutes = 120) => new("E1", new DateOnly(2026, month, day), topic, minutes);

    [Test]
    public void Annual_NeedsSessionAndHoursWithinTheYearUpToTheDayJudged()
    {
        var period = new Period(2026, PeriodKind.Q1);
        var s = Staff(new DateOnly(2020, 1, 1));
        var today = new DateOnly(2026, 6, 1);
        Assert.Multiple(() =>
        {
            Assert.That(CoverageCalculator.Judge(s, [Annual], [R(3, 31)], period, new DateOnly(2026, 3, 31), today).Completed, Is.True);
            Assert.That(CoverageCalculator.Judge(s, [Annual], [R(4, 1)], period, new DateOnly(2026, 3, 31), today).Completed, Is.False, "after the period");
            Assert.That(CoverageCalculator.Judge(s, [Annual], [R(2, 1, minutes: 119)], period, new DateOnly(2026, 3, 31), today).Completed, Is.False, "too few hours");
            Assert.That(CoverageCalculator.Judge(s, [Annual], [], period, new DateOnly(2026, 3, 31), today).Overdue, Is.False, "due 31 December");
        });
    }

    [Test]
    public void Annual_UnmetAfterTheYear_IsOverdue()
    {
        var standing = CoverageCalculator.Judge(Staff(new DateOnly(2020, 1, 1)), [Annual], [], new Period(2026, PeriodKind.Year), new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 5));
        Assert.That((standing.Completed, standing.Overdue, standing.DueOn), Is.EqualTo((false, true, (DateOnly?)new DateOnly(2026, 12, 31))));
    }

    [Test]
    public void NewHire_WindowIsHireToHirePlusDays_OverdueOnceDue()
    {
        var s = Staff(new DateOnly(2026, 2, 1));
        var period = new Period(2026, PeriodKind.Year);
        var today = new DateOnly(2026, 6, 1);
        var late = CoverageCalculator.Judge(s, [NewHire], [R(5, 3)], period, today, today);
        var inTime = CoverageCalculator.Judge(s, [NewHire], [R(5, 2)], period, today, today);
        Assert.Multiple(() =>
        {
            Assert.That((late.Completed, late.Overdue, late.DueOn), Is.EqualTo((false, true, (DateOnly?)new DateOnly(2026, 5, 2))));
            Assert.That(inTime.Completed, Is.True);
            Assert.That(CoverageCalculator.Judge(Staff(new DateOnly(2025, 12, 1)), [NewHire], [], period, today, today).Required, Is.False, "hired last year");
        });
    }

    [Test]
    public void PositionAndTopicFilters_Apply()
    {
        var period = new Period(2026, PeriodKind.Year);
        var day = new DateOnly(2026, 6, 1);
        var handler = Staff(new DateOnly(2020, 1, 1), "ComplaintHandler");
        Assert.Multiple(() =>
        {
            Assert.That(CoverageCalculator.Judge(Staff(new DateOnly(2020, 1, 1)), [Handlers], [], period, day, day).Required, Is.False);
            Assert.That(CoverageCalculator.Judge(handler, [Handlers], [R(1, 5, Topic.ComplaintHandling), R(2, 5)], period, day, day).Unmet, Is.EqualTo(new[] { "CH" }));
            Assert.That(CoverageCalculator.Judge(handler, [Handlers], [R(1, 5, Topic.ComplaintHandling), R(2, 5, Topic.ComplaintHandling)], period, day, day).Completed, Is.True);
        });
    }

    [TestCase(1, 3, 33.3)]
    [TestCase(2, 3, 66.7)]
    [TestCase(1, 8, 12.5)]
    public void Percent_OneDecimalHalfAwayFromZero(int part, int whole, decimal expected) =>
        Assert.That(CoverageCalculator.Percent(part, whole), Is.EqualTo(expected));
}
