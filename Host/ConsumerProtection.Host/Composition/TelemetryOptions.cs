namespace ConsumerProtection.Host.Composition;

/// <summary>Section <c>Telemetry</c>: OpenTelemetry traces and metrics, OTLP export, the Prometheus scrape endpoint.</summary>
internal sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary><c>Telemetry:Enabled</c> (default true): collect traces and metrics at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Telemetry:OtlpEndpoint</c>: an OTLP collector (e.g. http://otel-collector:4317); no export when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>Telemetry:Prometheus:Enabled</c> (default false): serve <c>/metrics</c>.</summary>
    public bool PrometheusEnabled { get; set; }

    /// <summary>
    /// <c>Telemetry:Prometheus:ScrapeToken</c>: the bearer token the scraper sends (<c>Authorization: Bearer …</c>). Its
    /// own secret, not an API key: the scraper holds no role in the office's data. Required (32+ characters) when enabled.
    /// </summary>
    public string? ScrapeToken { get; set; }

    public const int MinimumTokenLength = 32;

    public static TelemetryOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = new TelemetryOptions
        {
            Enabled = section.GetValue("Enabled", true),
            OtlpEndpoint = section["OtlpEndpoint"],
            PrometheusEnabled = section.GetValue("Prometheus:Enabled", false),
            ScrapeToken = section["Prometheus:ScrapeToken"],
        };
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) && !Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("Telemetry:OtlpEndpoint must be an absolute URI.");
        }

        if (options.PrometheusEnabled && (options.ScrapeToken is null || options.ScrapeToken.Trim().Length < MinimumTokenLength))
        {
            throw new InvalidOperationException(
                $"Telemetry:Prometheus:ScrapeToken must hold at least {MinimumTokenLength} characters when Telemetry:Prometheus:Enabled is true.");
        }

        return options;
    }
}
