namespace ConsumerProtection.Modules.Training.Domain;

/// <summary>Who plan 6 art. 39 requires to be covered: senior and middle management, front-line staff; plus back office and new hires.</summary>
internal enum RoleCategory
{
    SeniorManagement,
    MiddleManagement,
    FrontLine,
    BackOffice,
    NewHire,
}

/// <summary>
/// Training topics (plan 6 art. 39; plans 4 and 7). The numbers are stored in the coverage summary
/// (<c>staff_year</c>, migration 0003): never renumber; a new topic takes the next number.
/// </summary>
internal enum Topic
{
    ConsumerProtectionPolicy = 0,
    ComplaintHandling = 1,
    ProductReview = 2,
    MarketingConduct = 3,
    InformationProtection = 4,
    VulnerableCustomers = 5,
    CaseStudy = 6,
    WarningEducation = 7,
    Onboarding = 8,
}

internal enum CourseMode
{
    Classroom,
    Online,
    Video,
}

/// <summary>How a staff member took part. External: training taken elsewhere (a regulator's course), with evidence.</summary>
internal enum AttendanceStatus
{
    Present,
    Late,
    Absent,
    External,
}

/// <summary>A reporting period within a calendar year.</summary>
internal enum PeriodKind
{
    Year,
    H1,
    H2,
    Q1,
    Q2,
    Q3,
    Q4,
}

/// <summary>The unit a coverage report groups by.</summary>
internal enum ReportBy
{
    Branch,
    Department,
    RoleCategory,
}

internal enum RequirementKind
{
    Annual,
    NewHire,
}

/// <summary>A due list: due within the window, or overdue.</summary>
internal enum DueState
{
    DueSoon,
    Overdue,
}
