using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Shared.Time;

namespace ConsumerProtection.Complaints.Tests.Domain;

public sealed class LifecycleAndDeadlineTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Test]
    public void Lifecycle_FinalStates_AllowOnlyReopenFromClosed()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Lifecycle.AllowedActions(ComplaintStatus.Withdrawn), Is.Empty);
            Assert.That(Lifecycle.AllowedActions(ComplaintStatus.Closed), Is.EqualTo(new[] { ComplaintAction.Reopen }));
            Assert.That(Lifecycle.Allows(ComplaintStatus.Received, ComplaintAction.Respond), Is.False);
            Assert.That(Lifecycle.Allows(ComplaintStatus.FollowedUp, ComplaintAction.Close), Is.True);
            Assert.That(Lifecycle.Next(ComplaintStatus.InProgress, ComplaintAction.Escalate), Is.EqualTo(ComplaintStatus.InProgress));
            Assert.That(Lifecycle.Next(ComplaintStatus.Referred, ComplaintAction.RecordReferralOutcome), Is.EqualTo(ComplaintStatus.Responded));
        });
    }

    [Test]
    public void Lifecycle_EveryActionIsReachableFromSomeState() =>
        Assert.That(Enum.GetValues<ComplaintAction>().Where(a => !Enum.GetValues<ComplaintStatus>().Any(s => Lifecycle.Allows(s, a))), Is.Empty);

    [Test]
    public void InternalDeadline_SkipsNationalDayHolidays_AndCountsMakeUpSaturday()
    {
        var rules = new CalendarRules(Shanghai, new Dictionary<DateOnly, DayKind>
        {
            [new(2025, 10, 1)] = DayKind.Holiday, [new(2025, 10, 2)] = DayKind.Holiday, [new(2025, 10, 3)] = DayKind.Holiday,
            [new(2025, 10, 6)] = DayKind.Holiday, [new(2025, 10, 7)] = DayKind.Holiday, [new(2025, 10, 8)] = DayKind.Holiday,
            [new(2025, 10, 11)] = DayKind.Workday,
        });
        // Received Tue Sep 30 at 22:30 local: working days Oct 9, 10, 11 (make-up Saturday), 13, 14.
        var received = new DateTimeOffset(2025, 9, 30, 22, 30, 0, TimeSpan.FromHours(8));
        Assert.That(Deadlines.Internal(rules, received, 5), Is.EqualTo(new DateTimeOffset(2025, 10, 15, 0, 0, 0, TimeSpan.FromHours(8))));
        // The same instant seen as UTC is still Sep 30 locally.
        Assert.That(Deadlines.Internal(rules, received.ToUniversalTime(), 5), Is.EqualTo(Deadlines.Internal(rules, received, 5)));
        Assert.That(Deadlines.Regulatory(rules, received, 15), Is.EqualTo(new DateTimeOffset(2025, 10, 16, 0, 0, 0, TimeSpan.FromHours(8))));
    }

    [Test]
    public void DueState_OnTrack_DueSoon_Overdue()
    {
        var rules = new CalendarRules(Shanghai, new Dictionary<DateOnly, DayKind>());
        var due = new DateTimeOffset(2026, 3, 13, 0, 0, 0, TimeSpan.FromHours(8)); // end of Thu Mar 12
        Assert.Multiple(() =>
        {
            Assert.That(Deadlines.StateOf(rules, new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(8)), due, 1), Is.EqualTo(DueState.OnTrack));
            Assert.That(Deadlines.StateOf(rules, new DateTimeOffset(2026, 3, 11, 9, 0, 0, TimeSpan.FromHours(8)), due, 1), Is.EqualTo(DueState.DueSoon));
            Assert.That(Deadlines.StateOf(rules, new DateTimeOffset(2026, 3, 13, 0, 0, 1, TimeSpan.FromHours(8)), due, 1), Is.EqualTo(DueState.Overdue));
        });
    }
}
