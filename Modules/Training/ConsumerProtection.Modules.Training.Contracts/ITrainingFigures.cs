namespace ConsumerProtection.Modules.Training.Contracts;

/// <summary>The reporting period within a calendar year.</summary>
public enum TrainingPeriod
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

/// <summary>What the figures are grouped by.</summary>
public enum TrainingUnitKind
{
    /// <summary>One row for the whole bank (unit "total").</summary>
    Bank,

    /// <summary>Per branch id.</summary>
    Branch,

    /// <summary>Per department.</summary>
    Department,

    /// <summary>Per role category (SeniorManagement, MiddleManagement, FrontLine, BackOffice, NewHire).</summary>
    RoleCategory,
}

/// <summary>Training figures of one unit for one period (plan 6 art. 39).</summary>
/// <param name="Unit">The branch id, department, role category, or "total".</param>
/// <param name="Required">Staff a requirement applies to.</param>
/// <param name="Completed">Of those, staff who met every requirement.</param>
/// <param name="CoveragePercent">Completed / required × 100, one decimal; null when nobody is required.</param>
/// <param name="AverageScore">Average test score in the period, one decimal; null without scores.</param>
/// <param name="Overdue">Staff with a requirement past due.</param>
public sealed record TrainingCoverageFigures(string Unit, int Required, int Completed, decimal? CoveragePercent, decimal? AverageScore, int Overdue);

/// <summary>
/// Staff training figures for other modules: coverage per unit and period (for assessment and the regulator report),
/// and whether a staff member was trained on a topic recently (for a complaint about that staff member).
/// </summary>
public interface ITrainingFigures
{
    /// <summary>Coverage figures of <paramref name="year"/>'s <paramref name="period"/> per unit, judged as the coverage report judges them.</summary>
    Task<IReadOnlyList<TrainingCoverageFigures>> CoverageAsync(int year, TrainingPeriod period, TrainingUnitKind by, CancellationToken ct);

    /// <summary>
    /// True when <paramref name="staffId"/> has a qualifying record (attended, test passed where there is one) on
    /// <paramref name="topic"/> (a topic name such as "ComplaintHandling"; null: any topic) within the last
    /// <paramref name="months"/> months. False for unknown staff. Throws <see cref="ArgumentException"/> for an unknown topic or months outside 1–120.
    /// </summary>
    Task<bool> WasTrainedAsync(string staffId, string? topic, int months, CancellationToken ct);
}
