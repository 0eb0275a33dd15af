using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Shared.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Queries;

/// <summary>
/// <see cref="IAccessLogFigures"/> over this module's own tables, in one read: events by tier over
/// <c>ix_access_event_occurred</c>, alerts raised by <c>ix_alert_rule</c>, alerts closed and major events by time.
/// </summary>
internal sealed class AccessLogFiguresQuery([FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db) : IAccessLogFigures
{
    public const string EventsByTierSql = """
        SELECT max_tier AS Tier, COUNT(*) AS Count FROM [piaccess].[access_event]
        WHERE occurred_at >= @From AND occurred_at < @To GROUP BY max_tier
        """;

    public const string AlertsRaisedSql = """
        SELECT [rule] AS RuleName, COUNT(*) AS Count FROM [piaccess].[alert]
        WHERE detected_at >= @From AND detected_at < @To GROUP BY [rule]
        """;

    public const string AlertsClosedSql = """
        SELECT [rule] AS RuleName, COUNT(*) AS Count FROM [piaccess].[alert]
        WHERE closed_at >= @From AND closed_at < @To GROUP BY [rule]
        """;

    public const string MajorEventsSql = """
        SELECT
            (SELECT COUNT(*) FROM [piaccess].[major_event] WHERE opened_at >= @From AND opened_at < @To) AS Opened,
            (SELECT COUNT(*) FROM [piaccess].[major_event] WHERE reported_at >= @From AND reported_at < @To) AS Reported
        """;

    public async Task<AccessLogFigures> ForPeriodAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (to <= from)
        {
            throw new ArgumentException("The period's end must be after its start.", nameof(to));
        }

        var period = new { From = from.ToUniversalTime(), To = to.ToUniversalTime() };
        return await db.ReadAsync(async c =>
        {
            var tiers = (await c.QueryAsync<TierCount>(new CommandDefinition(EventsByTierSql, period, cancellationToken: ct))).ToList();
            var raised = (await c.QueryAsync<RuleCount>(new CommandDefinition(AlertsRaisedSql, period, cancellationToken: ct))).ToDictionary(r => r.RuleName, r => r.Count);
            var closed = (await c.QueryAsync<RuleCount>(new CommandDefinition(AlertsClosedSql, period, cancellationToken: ct))).ToDictionary(r => r.RuleName, r => r.Count);
            var majors = await c.QuerySingleAsync<Majors>(new CommandDefinition(MajorEventsSql, period, cancellationToken: ct));
            var byTier = Enum.GetValues<DataTier>().ToDictionary(t => t, t => tiers.Where(r => r.Tier == (int)t + 1).Sum(r => r.Count));
            var rules = raised.Keys.Union(closed.Keys).Order(StringComparer.Ordinal)
                .Select(rule => new MisuseAlertFigures(rule, raised.GetValueOrDefault(rule), closed.GetValueOrDefault(rule))).ToList();
            return new AccessLogFigures(from, to, tiers.Sum(r => r.Count), byTier, rules, majors.Opened, majors.Reported);
        }, ct);
    }

    private sealed class TierCount
    {
        public int Tier { get; init; }
        public long Count { get; init; }
    }

    private sealed class RuleCount
    {
        public string RuleName { get; init; } = "";
        public long Count { get; init; }
    }

    private sealed class Majors
    {
        public long Opened { get; init; }
        public long Reported { get; init; }
    }
}
