using ConsumerProtection.Shared.Time;

namespace ConsumerProtection.Modules.Complaints.Domain;

/// <summary>The two clocks (plan 8; CBIRC Order 2020 No. 3): internal target in working days, regulatory deadline in calendar days.</summary>
internal static class Deadlines
{
    /// <summary>Stamps the policy a new complaint is judged by, and its first deadlines on both clocks.</summary>
    public static void Stamp(ComplaintRow row, DeadlinePolicy policy, CalendarRules rules)
    {
        (row.PolicyName, row.InternalDays, row.InternalExtDays) = (policy.Name, policy.InternalWorkingDays, policy.InternalExtendedWorkingDays);
        (row.RegulatoryDays, row.RegExt1Days, row.RegExt2Days) =
            (policy.RegulatoryCalendarDays, policy.RegulatoryFirstExtensionDays, policy.RegulatorySecondExtensionDays);
        row.InternalDueAt = Internal(rules, row.ReceivedAt, policy.InternalWorkingDays).ToUniversalTime();
        row.RegulatoryDueAt = Regulatory(rules, row.ReceivedAt, policy.RegulatoryCalendarDays).ToUniversalTime();
        StampCalendar(row, rules);
    }

    /// <summary>
    /// Re-computes the internal deadline (the only one counted in working days) on the current calendar, with the days
    /// the complaint is judged by now (extended or not), and stamps the calendar years it used.
    /// </summary>
    public static void Restamp(ComplaintRow row, CalendarRules rules)
    {
        row.InternalDueAt = Internal(rules, row.ReceivedAt, row.InternalExtended ? row.InternalExtDays : row.InternalDays).ToUniversalTime();
        StampCalendar(row, rules);
    }

    /// <summary>
    /// Records which calendar years (and versions) the internal deadline was counted on: the local day of receipt to the
    /// local day the deadline ends. Any of them without a national schedule makes the deadline provisional.
    /// </summary>
    public static void StampCalendar(ComplaintRow row, CalendarRules rules)
    {
        var stamp = CalendarStamp.Of(rules, rules.LocalDate(row.ReceivedAt), rules.LocalDate(row.InternalDueAt.AddTicks(-1)));
        (row.CalendarStamp, row.CalendarMaintained) = (stamp.Text, stamp.Maintained);
    }

    /// <summary>End of the local working day <paramref name="workingDays"/> working days after receipt.</summary>
    public static DateTimeOffset Internal(CalendarRules rules, DateTimeOffset receivedAt, int workingDays) =>
        rules.WorkingDayDeadline(receivedAt, workingDays);

    /// <summary>End of the local day <paramref name="calendarDays"/> days after the local day of receipt.</summary>
    public static DateTimeOffset Regulatory(CalendarRules rules, DateTimeOffset receivedAt, int calendarDays) =>
        rules.EndOfLocalDay(rules.LocalDate(receivedAt).AddDays(calendarDays));

    /// <summary>The regulatory deadline after <paramref name="level"/> approved extensions (0, 1 or 2).</summary>
    public static DateTimeOffset Regulatory(CalendarRules rules, DateTimeOffset receivedAt, ComplaintRow policy, int level) =>
        Regulatory(rules, receivedAt, level switch
        {
            0 => policy.RegulatoryDays,
            1 => policy.RegExt1Days,
            _ => policy.RegExt1Days + policy.RegExt2Days,
        });

    /// <summary>Due-soon when the deadline falls within <paramref name="dueSoonWorkingDays"/> working days of now.</summary>
    public static DueState StateOf(CalendarRules rules, DateTimeOffset now, DateTimeOffset due, int dueSoonWorkingDays)
    {
        if (now >= due)
        {
            return DueState.Overdue;
        }

        // Deadlines are "end of day" instants (the next local midnight); the day they fall on is the one ending there.
        var warnFrom = rules.AddWorkingDays(rules.LocalDate(now), dueSoonWorkingDays);
        return rules.LocalDate(due.AddTicks(-1)) <= warnFrom ? DueState.DueSoon : DueState.OnTrack;
    }

    /// <summary>
    /// The state a complaint shows: the worse of its two clocks, so <c>due_state</c>, the deadline job and the
    /// list filter <c>overdue</c> (either clock unless one is named) agree.
    /// </summary>
    public static DueState StateOf(CalendarRules rules, DateTimeOffset now, ComplaintRow row, int dueSoonWorkingDays) =>
        Worse(StateOf(rules, now, row.InternalDueAt, dueSoonWorkingDays), StateOf(rules, now, row.RegulatoryDueAt, dueSoonWorkingDays));

    public static DueState Worse(DueState a, DueState b) => a > b ? a : b;
}
