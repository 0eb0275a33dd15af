namespace ConsumerProtection.Shared.Time;

/// <summary>Configuration section <c>Calendar</c>.</summary>
public sealed class CalendarOptions : Modules.ISettingsRules
{
    public const string Section = "Calendar";

    /// <summary><c>Calendar:TimeZone</c>: the IANA zone that decides the bank's day (default Asia/Shanghai).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary><c>Calendar:RefreshSeconds</c>: how often a host re-reads the calendar written by another host.</summary>
    public int RefreshSeconds { get; set; } = 300;

    /// <summary><c>Calendar:WatchIntervalMinutes</c>: how often the missing-year check runs (default 60).</summary>
    public int WatchIntervalMinutes { get; set; } = 60;

    /// <inheritdoc />
    public IEnumerable<string> Violations()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return $"Calendar:TimeZone '{TimeZone}' is not a known time zone.";
        }

        if (RefreshSeconds < 1)
        {
            yield return "Calendar:RefreshSeconds must be at least 1.";
        }

        if (WatchIntervalMinutes is < 1 or > 1440)
        {
            yield return "Calendar:WatchIntervalMinutes must be 1 to 1440.";
        }
    }
}
