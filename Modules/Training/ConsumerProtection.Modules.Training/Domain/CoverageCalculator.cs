namespace ConsumerProtection.Modules.Training.Domain;

/// <summary>A staff member's standing for a period: which requirements apply, which are unmet, the earliest unmet due date.</summary>
internal sealed record Standing(StaffFacts Staff, IReadOnlyList<string> Applicable, IReadOnlyList<string> Unmet, DateOnly? DueOn, bool Overdue)
{
    public bool Required => Applicable.Count > 0;

    public bool Completed => Required && Unmet.Count == 0;
}

/// <summary>
/// Judges each staff member against the requirements as of a day (plan 6 art. 39). The day judged is the period's last
/// day, or today while the period runs. Who counts: staff employed on that day (hired by it, not left before it).
/// Annual requirements count qualifying records from 1 January to that day and fall due on 31 December; new-hire
/// requirements apply to staff hired in the year up to that day and count records from the hire date to the earlier of
/// that day and hire date + within days, falling due then. Overdue: unmet as of the day judged, and due on or before it and before today.
/// </summary>
internal static class CoverageCalculator
{
    public static DateOnly Judged(Period period, DateOnly today) => period.End < today ? period.End : today;

    public static Standing Judge(StaffFacts s, IReadOnlyList<Requirement> requirements, IReadOnlyList<QualifyingRecord> records, Period period, DateOnly day, DateOnly today)
    {
        var applicable = new List<string>();
        var unmet = new List<string>();
        DateOnly? due = null;
        var overdue = false;
        foreach (var r in requirements)
        {
            if (!r.AppliesTo(s))
            {
                continue;
            }

            DateOnly from, to, dueOn;
            if (r.Kind == RequirementKind.NewHire)
            {
                if (s.HireDate < period.YearStart || s.HireDate > day)
                {
                    continue;
                }

                from = s.HireDate;
                dueOn = s.HireDate.AddDays(r.WithinDays ?? 90);
                to = dueOn < day ? dueOn : day;
            }
            else
            {
                from = period.YearStart;
                to = day;
                dueOn = new DateOnly(period.Year, 12, 31);
            }

            applicable.Add(r.Code);
            var sessions = 0;
            var minutes = 0;
            foreach (var x in records)
            {
                if (x.Date >= from && x.Date <= to && r.Counts(x.Topic))
                {
                    sessions += x.Sessions;
                    minutes += x.Minutes;
                }
            }

            if (sessions < r.MinSessions || minutes < r.MinMinutes)
            {
                unmet.Add(r.Code);
                due = due is null || dueOn < due ? dueOn : due;
                overdue |= dueOn < today && dueOn <= day;
            }
        }

        return new Standing(s, applicable, unmet, due, overdue);
    }

    /// <summary>True when <paramref name="s"/> is on the books on <paramref name="day"/>.</summary>
    public static bool Employed(StaffFacts s, DateOnly day) => s.HireDate <= day && (s.LeaveDate is null || s.LeaveDate >= day);

    /// <summary>Percentage with one decimal (half away from zero); null when nobody is required.</summary>
    public static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);
}
