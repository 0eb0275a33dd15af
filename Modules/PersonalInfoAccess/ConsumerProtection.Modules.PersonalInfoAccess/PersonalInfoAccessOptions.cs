using ConsumerProtection.Modules.PersonalInfoAccess.Domain;

namespace ConsumerProtection.Modules.PersonalInfoAccess;

/// <summary>Settings of the personal-information access log (section <c>PiAccess</c>).</summary>
internal sealed class PersonalInfoAccessOptions : Shared.Modules.ISettingsRules
{
    public const string Section = "PiAccess";

    /// <summary>How far in the future an event's occurred-at may lie (clock skew between systems).</summary>
    public TimeSpan FutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far in the past an event's occurred-at may lie (late delivery from a system's own queue).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Most events in one batch request.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>Most events the writer commits in one transaction (group commit).</summary>
    public int MaxEventsPerCommit { get; set; } = 5000;

    /// <summary>Submissions that may wait for the writer before callers are held back.</summary>
    public int QueueCapacity { get; set; } = 20000;

    /// <summary>Extra or changed data categories (name → tier), on top of the shipped JR/T 0171 catalogue.</summary>
    public Dictionary<string, string> Categories { get; set; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Violations()
    {
        if (FutureSkew < TimeSpan.Zero || FutureSkew > TimeSpan.FromHours(1))
        {
            yield return "PiAccess:FutureSkew must be between 0 and 1 hour.";
        }

        if (MaxAge < TimeSpan.FromHours(1))
        {
            yield return "PiAccess:MaxAge must be at least 1 hour.";
        }

        if (MaxBatchSize is < 1 or > 10000)
        {
            yield return "PiAccess:MaxBatchSize must be between 1 and 10000.";
        }

        if (MaxEventsPerCommit < MaxBatchSize)
        {
            yield return "PiAccess:MaxEventsPerCommit must be at least PiAccess:MaxBatchSize.";
        }

        if (QueueCapacity < 1)
        {
            yield return "PiAccess:QueueCapacity must be positive.";
        }

        foreach (var (name, tier) in Categories)
        {
            if (!CategoryCatalog.IsValidName(name) || !Shared.Http.StrictEnum.TryParse<Contracts.DataTier>(tier, out _))
            {
                yield return $"PiAccess:Categories:{name} must be a lower-case name with a tier C1, C2 or C3.";
            }
        }
    }
}
