namespace ConsumerProtection.Shared.Retention;

/// <summary>
/// Configuration section <c>Retention</c>. Records are kept at least three years (plan 6 art. 34;
/// FCA DISP 1.9); a longer period per record type is allowed, a shorter one stops start-up.
/// </summary>
public sealed class RetentionOptions : Modules.ISettingsRules
{
    public const string Section = "Retention";

    /// <summary>The legal minimum in years.</summary>
    public const int MinimumYears = 3;

    /// <summary><c>Retention:DefaultYears</c>: the period for record types without their own setting (default 3).</summary>
    public int DefaultYears { get; set; } = MinimumYears;

    /// <summary><c>Retention:RecordTypes:{type}</c>: years per record type, e.g. <c>Retention:RecordTypes:complaint = 5</c>.</summary>
    public Dictionary<string, int> RecordTypes { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>Retention:DisposalIntervalMinutes</c>: how often the disposal job runs (default 60).</summary>
    public int DisposalIntervalMinutes { get; set; } = 60;

    /// <summary>
    /// <c>Retention:MaxDisposalsPerRun</c>: the most records of one batched record type (e.g. access-log events) one
    /// disposal run takes (default 100000); the next run continues where this one stopped.
    /// </summary>
    public int MaxDisposalsPerRun { get; set; } = 100_000;

    /// <summary>The period for <paramref name="recordType"/> in years.</summary>
    public int YearsFor(string recordType) => RecordTypes.TryGetValue(recordType, out var y) ? y : DefaultYears;

    /// <summary>Every setting that is shorter than the minimum, as messages naming the setting.</summary>
    public IEnumerable<string> Violations()
    {
        if (DefaultYears < MinimumYears)
        {
            yield return $"Retention:DefaultYears is {DefaultYears}; records must be kept at least {MinimumYears} years.";
        }

        foreach (var (type, years) in RecordTypes)
        {
            if (years < MinimumYears)
            {
                yield return $"Retention:RecordTypes:{type} is {years}; records must be kept at least {MinimumYears} years.";
            }
        }

        if (DisposalIntervalMinutes < 1)
        {
            yield return "Retention:DisposalIntervalMinutes must be at least 1.";
        }

        if (MaxDisposalsPerRun < 1)
        {
            yield return "Retention:MaxDisposalsPerRun must be at least 1.";
        }
    }
}
