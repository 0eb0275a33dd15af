using ConsumerProtection.Shared.Modules;

namespace ConsumerProtection.Shared.Events;

/// <summary>Settings of the integration-event dispatcher (section <c>IntegrationEvents</c>).</summary>
public sealed class IntegrationEventOptions : ISettingsRules
{
    /// <summary>The configuration section.</summary>
    public const string Section = "IntegrationEvents";

    /// <summary>Seconds between dispatcher passes over every outbox.</summary>
    public int DispatchIntervalSeconds { get; set; } = 2;

    /// <summary>Outbox rows read per query while a pass walks the pending events.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>The first retry delay of a failing handler; doubled per attempt.</summary>
    public int FirstRetrySeconds { get; set; } = 5;

    /// <summary>The longest retry delay of a failing handler.</summary>
    public int MaxRetrySeconds { get; set; } = 900;

    /// <inheritdoc />
    public IEnumerable<string> Violations()
    {
        if (DispatchIntervalSeconds is < 1 or > 3600)
        {
            yield return $"{Section}:DispatchIntervalSeconds must be 1 to 3600.";
        }

        if (BatchSize is < 1 or > 5000)
        {
            yield return $"{Section}:BatchSize must be 1 to 5000.";
        }

        if (FirstRetrySeconds is < 1 or > 3600)
        {
            yield return $"{Section}:FirstRetrySeconds must be 1 to 3600.";
        }

        if (MaxRetrySeconds < FirstRetrySeconds || MaxRetrySeconds > 86400)
        {
            yield return $"{Section}:MaxRetrySeconds must be FirstRetrySeconds to 86400.";
        }
    }

    /// <summary>The delay before retry number <paramref name="attempts"/> + 1: doubling from the first, capped.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var seconds = FirstRetrySeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetrySeconds));
    }
}
