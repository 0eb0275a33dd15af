using ConsumerProtection.Modules.Training.Contracts;
using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Infrastructure;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Time;
using Dapper;

namespace ConsumerProtection.Modules.Training.Coverage;

/// <summary><see cref="ITrainingFigures"/> over the same judgement as the coverage report.</summary>
internal sealed class TrainingFigures(CoverageQuery query, TrainingStore store, IWorkingCalendar calendar) : ITrainingFigures
{
    private const string TrainedSql = """
        SELECT COUNT(*) FROM [training].[training_record]
        WHERE staff_id = @StaffId AND qualifies = 1 AND occurred_on >= @From AND occurred_on <= @To AND (@Topic IS NULL OR topic = @Topic)
        """;

    public async Task<IReadOnlyList<TrainingCoverageFigures>> CoverageAsync(int year, TrainingPeriod period, TrainingUnitKind by, CancellationToken ct)
    {
        if (year is < 2000 or > 2100 || !StrictEnum.IsDefined(period) || !StrictEnum.IsDefined(by))
        {
            throw new ArgumentException("year must be 2000–2100 and period and by defined values.");
        }

        var today = (await calendar.GetAsync(ct)).LocalDate(store.Time.GetUtcNow());
        var unitsBy = by == TrainingUnitKind.Bank ? ReportBy.Branch : StrictEnum.FromStored<ReportBy>(by.ToString(), "by");
        var report = await query.ReportAsync(new Period(year, StrictEnum.FromStored<PeriodKind>(period.ToString(), "period")), today, null, unitsBy, ct);
        return by == TrainingUnitKind.Bank ? [Figures(report.Total)] : report.Units.Select(Figures).ToList();
    }

    public async Task<bool> WasTrainedAsync(string staffId, string? topic, int months, CancellationToken ct)
    {
        if (months is < 1 or > 120)
        {
            throw new ArgumentException("months must be 1 to 120.", nameof(months));
        }

        if (topic is not null && !StrictEnum.TryParse<Topic>(topic, out _))
        {
            throw new ArgumentException("Unknown topic; one of " + StrictEnum.Allowed(typeof(Topic)) + ".", nameof(topic));
        }

        var today = (await calendar.GetAsync(ct)).LocalDate(store.Time.GetUtcNow());
        var count = await store.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(TrainedSql,
            new { StaffId = staffId, Topic = topic, From = today.AddMonths(-months), To = today }, cancellationToken: ct)), ct);
        return count > 0;
    }

    private static TrainingCoverageFigures Figures(CoverageUnit u) => new(u.Unit, u.Required, u.Completed, u.CoveragePercent, u.AverageScore, u.Overdue);
}
