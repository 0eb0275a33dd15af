namespace ConsumerProtection.Modules.Complaints.Regulator;

/// <summary>
/// Configuration section <c>Complaints:Regulator</c>: the regulator gateway (监管转办) and its resilience settings.
/// Seconds are decimals so tests can use fractions.
/// </summary>
internal sealed class RegulatorOptions : Shared.Modules.ISettingsRules
{
    public const string Section = "Complaints:Regulator";

    /// <summary>Off by default: a host pulls transfers and posts results only when told where the gateway is.</summary>
    public bool Enabled { get; set; }

    public string? BaseUrl { get; set; }

    /// <summary>Header that carries <see cref="ApiKey"/>; no header is sent when the key is empty.</summary>
    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    public string? ApiKey { get; set; }

    /// <summary>The branch that owns transferred complaints (the office that handles regulator cases).</summary>
    public string BranchId { get; set; } = "HQ";

    public int PollIntervalSeconds { get; set; } = 60;
    public int DispatchIntervalSeconds { get; set; } = 15;
    public int PageSize { get; set; } = 100;
    public int MaxPagesPerRun { get; set; } = 20;

    public double AttemptTimeoutSeconds { get; set; } = 10;
    public double TotalTimeoutSeconds { get; set; } = 60;
    public int RetryCount { get; set; } = 3;
    public double RetryBaseDelaySeconds { get; set; } = 1;

    public double BreakerFailureRatio { get; set; } = 0.5;
    public int BreakerMinimumThroughput { get; set; } = 5;
    public double BreakerSamplingSeconds { get; set; } = 30;
    public double BreakerBreakSeconds { get; set; } = 30;

    /// <summary>Outbox backoff after a failed delivery: base × 2^(attempts − 1), capped, with jitter.</summary>
    public double OutboxBackoffBaseSeconds { get; set; } = 30;
    public double OutboxBackoffMaxSeconds { get; set; } = 900;
    public int OutboxBatchSize { get; set; } = 50;

    public IEnumerable<string> Violations()
    {
        if (Enabled && !(Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return "Complaints:Regulator:BaseUrl must be an absolute http(s) URL when the gateway is enabled.";
        }

        if (BranchId is not { Length: > 0 and <= 50 } || !BranchId.All(char.IsAsciiLetterOrDigit))
        {
            yield return "Complaints:Regulator:BranchId must be 1 to 50 letters or digits.";
        }

        if (string.IsNullOrWhiteSpace(ApiKeyHeader) || PollIntervalSeconds < 1 || DispatchIntervalSeconds < 1
            || PageSize is < 1 or > 1000 || MaxPagesPerRun < 1 || OutboxBatchSize is < 1 or > 1000)
        {
            yield return "Complaints:Regulator: ApiKeyHeader, intervals, PageSize, MaxPagesPerRun and OutboxBatchSize must be set and positive.";
        }

        // Polly's own limits: retries 0..100, breaker throughput ≥ 2, sampling and break ≥ 0.5 s.
        if (AttemptTimeoutSeconds <= 0 || TotalTimeoutSeconds < AttemptTimeoutSeconds || RetryCount is < 0 or > 10 || RetryBaseDelaySeconds < 0)
        {
            yield return "Complaints:Regulator: timeouts must be positive (total ≥ attempt) and RetryCount 0 to 10.";
        }

        if (BreakerFailureRatio is <= 0 or > 1 || BreakerMinimumThroughput < 2 || BreakerSamplingSeconds < 0.5 || BreakerBreakSeconds < 0.5)
        {
            yield return "Complaints:Regulator: breaker ratio in (0, 1], throughput ≥ 2, sampling and break ≥ 0.5 seconds.";
        }

        if (OutboxBackoffBaseSeconds <= 0 || OutboxBackoffMaxSeconds < OutboxBackoffBaseSeconds)
        {
            yield return "Complaints:Regulator: OutboxBackoffBaseSeconds must be positive and OutboxBackoffMaxSeconds not less.";
        }
    }

    /// <summary>When a row that has failed <paramref name="attempts"/> times may be tried again; <paramref name="jitter"/> in [0, 1).</summary>
    public DateTimeOffset NextAttempt(DateTimeOffset now, int attempts, double jitter)
    {
        var backoff = Math.Min(OutboxBackoffMaxSeconds, OutboxBackoffBaseSeconds * Math.Pow(2, Math.Min(attempts - 1, 30)));
        // ±20 % so hosts recovering together do not hammer the gateway in step.
        return now.AddSeconds(backoff * (0.8 + (0.4 * jitter)));
    }
}
