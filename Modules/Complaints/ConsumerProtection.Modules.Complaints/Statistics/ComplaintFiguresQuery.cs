using System.Globalization;
using ConsumerProtection.Modules.Complaints.Contracts;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Time;

namespace ConsumerProtection.Modules.Complaints.Statistics;

/// <summary>
/// <see cref="IComplaintFigures"/>: the monthly statistics endpoint's figures for other modules, from the same period
/// rule (<see cref="MonthlyStatisticsEndpoints.ParseMonth"/>), queries and arithmetic (<see cref="MonthlyStatisticsEndpoints.Build"/>).
/// </summary>
internal sealed class ComplaintFiguresQuery(ComplaintStore store, IWorkingCalendar calendar, TimeProvider time) : IComplaintFigures
{
    public async Task<ComplaintMonthFigures> MonthAsync(int year, int month, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var now = time.GetUtcNow();
        var rules = await calendar.GetAsync(ct);
        var v = new Validation();
        var period = MonthlyStatisticsEndpoints.ParseMonth(string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}"), rules, now, v)
            ?? throw new ArgumentOutOfRangeException(nameof(month), month, "The month is later than the bank's current month.");
        var data = await MonthlyStatisticsEndpoints.QueryAsync(store, period, ct);
        var r = MonthlyStatisticsEndpoints.Build(period, data, rules.Zone.Id, now, policyNote: "");
        var redress = r.RedressPaidOtherCurrencies.Append(r.RedressPaid).Where(m => m.Amount != 0)
            .ToDictionary(m => m.Currency, m => m.Amount, StringComparer.Ordinal);
        return new ComplaintMonthFigures(
            year, month, r.FirstDay, r.LastDay, r.OutstandingAtStart, r.Received, r.Closed, r.Withdrawn, r.OutstandingAtEnd,
            r.ClosedWithinInternalTarget.Count, r.ClosedWithinInternalTarget.Percent,
            r.ClosedWithinRegulatoryDeadline.Count, r.ClosedWithinRegulatoryDeadline.Percent,
            r.Upheld.Upheld, r.Upheld.Percent, r.HandlingWorkingDays.Mean, r.HandlingWorkingDays.P90,
            redress, r.RegulatorTransfers.Received, r.MajorIncidents.Opened,
            new Dictionary<ComplaintBreakdown, IReadOnlyList<ComplaintUnitFigures>>
            {
                [ComplaintBreakdown.BusinessChannel] = Units(r.Breakdowns.BusinessChannel),
                [ComplaintBreakdown.BusinessType] = Units(r.Breakdowns.BusinessType),
                [ComplaintBreakdown.Reason] = Units(r.Breakdowns.Reason),
                [ComplaintBreakdown.IntakeChannel] = Units(r.Breakdowns.IntakeChannel),
                [ComplaintBreakdown.Branch] = Units(r.Breakdowns.Branch),
                [ComplaintBreakdown.Product] = Units(r.Breakdowns.Product),
            });
    }

    private static List<ComplaintUnitFigures> Units(IReadOnlyList<MonthlyStatisticsEndpoints.Row> rows) =>
        [.. rows.Select(x => new ComplaintUnitFigures(x.Key, x.Received, x.Closed, x.Upheld))];
}
