namespace ConsumerProtection.Modules.PersonalInfoAccess.Contracts;

/// <summary>
/// The access log's figures for a period, read-only, for modules that report on it (assessment, reporting) without
/// reading its schema (plan 6 arts. 30-31 and 41: access records, misuse review, major events). Inject it; every
/// figure is a count, never a customer or staff reference.
/// </summary>
public interface IAccessLogFigures
{
    /// <summary>
    /// Figures for the instants <c>[from, to)</c> (the caller turns a bank-local month or quarter into instants with the
    /// working-day calendar). Throws <see cref="ArgumentException"/> when <paramref name="to"/> is not after
    /// <paramref name="from"/>.
    /// </summary>
    Task<AccessLogFigures> ForPeriodAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

/// <summary>The access log over one period.</summary>
/// <param name="From">Start of the period (inclusive).</param>
/// <param name="To">End of the period (exclusive).</param>
/// <param name="Events">Accesses that occurred in the period (by their <c>occurredAt</c>), purged ones included.</param>
/// <param name="EventsByTier">Those accesses by the most sensitive JR/T 0171 tier they touched; every tier is listed.</param>
/// <param name="AlertsByRule">Misuse alerts raised and closed in the period, per rule (rules with neither are left out).</param>
/// <param name="MajorEventsOpened">Major events (重大事件) opened in the period.</param>
/// <param name="MajorEventsReported">Major events whose report upward was made in the period.</param>
public sealed record AccessLogFigures(
    DateTimeOffset From, DateTimeOffset To, long Events, IReadOnlyDictionary<DataTier, long> EventsByTier,
    IReadOnlyList<MisuseAlertFigures> AlertsByRule, long MajorEventsOpened, long MajorEventsReported);

/// <summary>One misuse rule's alerts over a period.</summary>
/// <param name="Rule">The rule's name as the alerts API shows it (e.g. <c>OffHours</c>).</param>
/// <param name="Raised">Alerts the rule raised in the period.</param>
/// <param name="Closed">Alerts of the rule closed (dismissed or confirmed) in the period, whenever raised.</param>
public sealed record MisuseAlertFigures(string Rule, long Raised, long Closed);
