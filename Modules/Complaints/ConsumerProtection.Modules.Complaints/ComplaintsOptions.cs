namespace ConsumerProtection.Modules.Complaints;

/// <summary>Configuration section <c>Complaints</c>. Every figure is a policy (the bank's plan 8; CBIRC Order 2020 No. 3).</summary>
internal sealed class ComplaintsOptions : Shared.Modules.ISettingsRules
{
    public const string Section = "Complaints";

    public DeadlinePolicy Policy { get; set; } = new();

    /// <summary>A complaint by the same consumer about the same product within this many days is a repeat.</summary>
    public int RepeatWindowDays { get; set; } = 30;

    /// <summary>The consumer may dispute (reopen) within this many days of the answer.</summary>
    public int ReopenWindowDays { get; set; } = 30;

    /// <summary>Due-soon warning: this many working days before a deadline.</summary>
    public int DueSoonWorkingDays { get; set; } = 1;

    /// <summary>How far in the future a received time may lie (clocks drift).</summary>
    public int ClockSkewMinutes { get; set; } = 5;

    public MajorIncidentRule MajorIncident { get; set; } = new();

    public int DeadlineJobIntervalMinutes { get; set; } = 15;

    /// <summary>Open complaints the deadline job reads and writes per transaction (bounded, so a backlog never holds the write lock long).</summary>
    public int DeadlineJobBatchSize { get; set; } = 500;

    /// <summary><c>Complaints:AttachmentMaxBytes</c>: the largest attachment accepted (413 above); default 10 MiB.</summary>
    public long AttachmentMaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// <c>Complaints:ViewCacheEntries</c>: serialised complaint views kept in memory, each checked against the stored
    /// version on every read (never served stale); 0 turns the cache off. Default 10,000 (~20 MB).
    /// </summary>
    public int ViewCacheEntries { get; set; } = 10_000;

    public IEnumerable<string> Violations()
    {
        var p = Policy;
        if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Length > 50)
        {
            yield return "Complaints:Policy:Name must be 1 to 50 characters.";
        }

        if (p.InternalWorkingDays < 1 || p.InternalExtendedWorkingDays < p.InternalWorkingDays)
        {
            yield return "Complaints:Policy: InternalWorkingDays must be at least 1 and InternalExtendedWorkingDays not less.";
        }

        if (p.RegulatoryCalendarDays < 1 || p.RegulatoryFirstExtensionDays < p.RegulatoryCalendarDays || p.RegulatorySecondExtensionDays < 0)
        {
            yield return "Complaints:Policy: regulatory days must be positive and the first extension not shorter than the deadline.";
        }

        if (MajorIncident.Threshold < 2 || MajorIncident.WindowDays < 1)
        {
            yield return "Complaints:MajorIncident: Threshold must be at least 2 and WindowDays at least 1.";
        }

        if (RepeatWindowDays < 1 || ReopenWindowDays < 1 || DueSoonWorkingDays < 0 || ClockSkewMinutes < 0 || DeadlineJobIntervalMinutes < 1)
        {
            yield return "Complaints: RepeatWindowDays, ReopenWindowDays and DeadlineJobIntervalMinutes must be positive.";
        }

        if (DeadlineJobBatchSize is < 1 or > 5000)
        {
            yield return "Complaints:DeadlineJobBatchSize must be 1 to 5000.";
        }

        if (ViewCacheEntries is < 0 or > 1_000_000)
        {
            yield return "Complaints:ViewCacheEntries must be 0 (off) to 1000000.";
        }
    }
}

/// <summary>
/// The deadlines a complaint is judged by; stored on each complaint, so a policy change never rewrites history.
/// Defaults: internal 5 working days, extendable once to 10 (seed plan 8); regulatory 15 calendar days,
/// extendable to 30 and by another 30 with senior approval (CBIRC Order 2020 No. 3).
/// </summary>
internal sealed class DeadlinePolicy
{
    public string Name { get; set; } = "bank-2026";
    public int InternalWorkingDays { get; set; } = 5;
    public int InternalExtendedWorkingDays { get; set; } = 10;
    public int RegulatoryCalendarDays { get; set; } = 15;
    public int RegulatoryFirstExtensionDays { get; set; } = 30;
    public int RegulatorySecondExtensionDays { get; set; } = 30;
}

/// <summary>Plan 6 art. 41: many complaints about one product in a short time is a major event.</summary>
internal sealed class MajorIncidentRule
{
    public int Threshold { get; set; } = 10;
    public int WindowDays { get; set; } = 7;
}
