namespace ConsumerProtection.Modules.Training.Domain;

/// <summary>
/// A training requirement, stored as data (plan 6 art. 39: at least one consumer-protection training a year for
/// management and front-line staff; plan 6 art. 12: consumer protection in onboarding; plan 4: complaint-prone roles
/// more often). Empty filters match everyone.
/// </summary>
internal sealed record Requirement(
    string Code, string Title, RequirementKind Kind, IReadOnlyList<RoleCategory> RoleCategories, IReadOnlyList<string> Positions,
    IReadOnlyList<Topic> Topics, int MinSessions, int MinMinutes, int? WithinDays, string Source)
{
    public bool AppliesTo(StaffFacts s) =>
        (RoleCategories.Count == 0 || RoleCategories.Contains(s.RoleCategory)) && (Positions.Count == 0 || (s.Position is not null && Positions.Contains(s.Position)));

    public bool Counts(Topic topic) => Topics.Count == 0 || Topics.Contains(topic);
}

/// <summary>What the report needs of a staff member (no name).</summary>
internal sealed record StaffFacts(string StaffId, string BranchId, string? Department, RoleCategory RoleCategory, string? Position, DateOnly HireDate, DateOnly? LeaveDate);

/// <summary>
/// Qualifying training (attended, test passed where there is one): one record, or <paramref name="Sessions"/> records of
/// one topic read aggregated, dated on the first day they may count from.
/// </summary>
internal sealed record QualifyingRecord(string StaffId, DateOnly Date, Topic Topic, int Minutes, int Sessions = 1);

/// <summary>A period of a calendar year.</summary>
internal readonly record struct Period(int Year, PeriodKind Kind)
{
    public DateOnly Start => Kind switch
    {
        PeriodKind.H2 => new DateOnly(Year, 7, 1),
        PeriodKind.Q2 => new DateOnly(Year, 4, 1),
        PeriodKind.Q3 => new DateOnly(Year, 7, 1),
        PeriodKind.Q4 => new DateOnly(Year, 10, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    public DateOnly End => Kind switch
    {
        PeriodKind.H1 => new DateOnly(Year, 6, 30),
        PeriodKind.Q1 => new DateOnly(Year, 3, 31),
        PeriodKind.Q2 => new DateOnly(Year, 6, 30),
        PeriodKind.Q3 => new DateOnly(Year, 9, 30),
        _ => new DateOnly(Year, 12, 31),
    };

    public DateOnly YearStart => new(Year, 1, 1);
}
