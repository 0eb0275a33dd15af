namespace ConsumerProtection.Modules.Complaints.Contracts;

/// <summary>
/// The complaint figures of one bank-local calendar month, read-only, for modules that report on complaints
/// (assessment, the regulator report) without reading the complaints schema. They are the figures of
/// <c>GET /api/v1/complaints/statistics/monthly/{yyyy-MM}</c>, computed by the same code: counts and shares only, never
/// a consumer. Inject it.
/// </summary>
public interface IComplaintFigures
{
    /// <summary>
    /// The figures of <paramref name="year"/>-<paramref name="month"/> (bank-local dates from the working-day calendar).
    /// Throws <see cref="ArgumentOutOfRangeException"/> for a month outside 1–12, a year outside 1–9999, or a month
    /// later than the bank's current month.
    /// </summary>
    Task<ComplaintMonthFigures> MonthAsync(int year, int month, CancellationToken ct);
}

/// <summary>A breakdown of the month's complaints: the three JR/T 0169-2020 classification axes, then the bank's own.</summary>
public enum ComplaintBreakdown
{
    /// <summary>JR/T 0169 axis A, business channel (codes such as A1, counter).</summary>
    BusinessChannel,

    /// <summary>JR/T 0169 axis B, business type (codes such as B032, credit card).</summary>
    BusinessType,

    /// <summary>JR/T 0169 axis C, complaint reason (codes such as C11, fees).</summary>
    Reason,

    /// <summary>How the complaint reached the bank (Counter, RegulatorTransfer, …).</summary>
    IntakeChannel,

    /// <summary>The branch (organisational unit) the complaint belongs to.</summary>
    Branch,

    /// <summary>The product code.</summary>
    Product,
}

/// <summary>One month's complaint figures (plan 6; JR/T 0169-2020; FCA DISP 1.10 for upheld).</summary>
/// <param name="Year">The year.</param>
/// <param name="Month">The month, 1–12.</param>
/// <param name="FirstDay">The month's first bank-local day.</param>
/// <param name="LastDay">The month's last bank-local day.</param>
/// <param name="OutstandingAtStart">Received before the month and neither closed nor withdrawn before it.</param>
/// <param name="Received">Received in the month.</param>
/// <param name="Closed">Closed in the month.</param>
/// <param name="Withdrawn">Withdrawn in the month.</param>
/// <param name="OutstandingAtEnd">Outstanding at the end of the month.</param>
/// <param name="ClosedWithinInternalTarget">Closed in the month and answered within the internal target.</param>
/// <param name="ClosedWithinInternalTargetPercent">That share of <paramref name="Closed"/>, 2 decimals; null when none closed.</param>
/// <param name="ClosedWithinRegulatoryDeadline">Closed in the month and answered within the regulatory deadline (on time).</param>
/// <param name="ClosedWithinRegulatoryDeadlinePercent">That share of <paramref name="Closed"/>, 2 decimals; null when none closed.</param>
/// <param name="Upheld">Closed in the month and upheld, partly upheld included.</param>
/// <param name="UpheldPercent">That share of <paramref name="Closed"/>, 2 decimals; null when none closed.</param>
/// <param name="HandlingWorkingDaysMean">Mean working days from receipt to the answer over those closed; null when none closed.</param>
/// <param name="HandlingWorkingDaysP90">The nearest-rank 90th percentile of those working days; null when none closed.</param>
/// <param name="RedressPaid">Redress paid on complaints closed in the month, per currency (ISO 4217), never added across currencies.</param>
/// <param name="RegulatorTransfersReceived">Complaints received in the month by transfer from the regulator.</param>
/// <param name="MajorIncidentsOpened">Major incidents (plan 6 art. 41) opened in the month.</param>
/// <param name="Breakdowns">Every breakdown, each listing only the keys that occur, ordered by key.</param>
public sealed record ComplaintMonthFigures(
    int Year, int Month, DateOnly FirstDay, DateOnly LastDay,
    long OutstandingAtStart, long Received, long Closed, long Withdrawn, long OutstandingAtEnd,
    long ClosedWithinInternalTarget, decimal? ClosedWithinInternalTargetPercent,
    long ClosedWithinRegulatoryDeadline, decimal? ClosedWithinRegulatoryDeadlinePercent,
    long Upheld, decimal? UpheldPercent, decimal? HandlingWorkingDaysMean, int? HandlingWorkingDaysP90,
    IReadOnlyDictionary<string, decimal> RedressPaid, long RegulatorTransfersReceived, long MajorIncidentsOpened,
    IReadOnlyDictionary<ComplaintBreakdown, IReadOnlyList<ComplaintUnitFigures>> Breakdowns);

/// <summary>One key of a breakdown (a JR/T 0169 code, a branch id, …) in the month.</summary>
/// <param name="Key">The code, branch id, intake channel or product code.</param>
/// <param name="Received">Received in the month.</param>
/// <param name="Closed">Closed in the month.</param>
/// <param name="Upheld">Upheld (or partly) among those closed.</param>
public sealed record ComplaintUnitFigures(string Key, long Received, long Closed, long Upheld);
