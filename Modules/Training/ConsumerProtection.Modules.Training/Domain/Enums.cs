namespace ConsumerProtection.Modules.Training.Domain;

/// <summary>Who plan 6 art. 39 requires to be covered: senior and middle management, front-line staff; plus back office and new hires.</summary>
internal enum RoleCategory
{
    /// <summary>Senior management.</summary>
    SeniorManagement,

    /// <summary>Middle management.</summary>
    MiddleManagement,

    /// <summary>Front-line staff who serve consumers.</summary>
    FrontLine,

    /// <summary>Back-office staff.</summary>
    BackOffice,

    /// <summary>Staff hired this year.</summary>
    NewHire,
}

/// <summary>
/// Training topics (plan 6 art. 39; plans 4 and 7). The numbers are stored in the coverage summary
/// (<c>staff_year</c>, migration 0003): never renumber; a new topic takes the next number.
/// </summary>
internal enum Topic
{
    /// <summary>Consumer-protection laws, rules and the bank's policy.</summary>
    ConsumerProtectionPolicy = 0,

    /// <summary>Handling complaints.</summary>
    ComplaintHandling = 1,

    /// <summary>Consumer-protection review of products and services.</summary>
    ProductReview = 2,

    /// <summary>Conduct in marketing and sales.</summary>
    MarketingConduct = 3,

    /// <summary>Protecting consumers' personal information.</summary>
    InformationProtection = 4,

    /// <summary>Serving elderly and other vulnerable customers.</summary>
    VulnerableCustomers = 5,

    /// <summary>Case studies.</summary>
    CaseStudy = 6,

    /// <summary>Warning education from violations and penalties.</summary>
    WarningEducation = 7,

    /// <summary>Consumer protection for new staff.</summary>
    Onboarding = 8,
}

internal enum CourseMode
{
    /// <summary>Taught in a room.</summary>
    Classroom,

    /// <summary>Taken online.</summary>
    Online,

    /// <summary>Recorded video.</summary>
    Video,
}

/// <summary>How a staff member took part. External: training taken elsewhere (a regulator's course), with evidence.</summary>
internal enum AttendanceStatus
{
    /// <summary>Attended.</summary>
    Present,

    /// <summary>Attended, arriving late.</summary>
    Late,

    /// <summary>Did not attend.</summary>
    Absent,

    /// <summary>Training taken elsewhere (a regulator's course), with evidence.</summary>
    External,
}

/// <summary>A reporting period within a calendar year.</summary>
internal enum PeriodKind
{
    /// <summary>The calendar year.</summary>
    Year,

    /// <summary>January to June.</summary>
    H1,

    /// <summary>July to December.</summary>
    H2,

    /// <summary>January to March.</summary>
    Q1,

    /// <summary>April to June.</summary>
    Q2,

    /// <summary>July to September.</summary>
    Q3,

    /// <summary>October to December.</summary>
    Q4,
}

/// <summary>The unit a coverage report groups by.</summary>
internal enum ReportBy
{
    /// <summary>Per branch id.</summary>
    Branch,

    /// <summary>Per department.</summary>
    Department,

    /// <summary>Per role category.</summary>
    RoleCategory,
}

internal enum RequirementKind
{
    /// <summary>Qualifying sessions and hours the staff in scope must complete each calendar year.</summary>
    Annual,

    /// <summary>Qualifying sessions a new hire must complete within a set number of days of hire.</summary>
    NewHire,
}

/// <summary>A due list: due within the window, or overdue.</summary>
internal enum DueState
{
    /// <summary>The requirement falls due soon.</summary>
    DueSoon,

    /// <summary>The requirement is past due.</summary>
    Overdue,
}
