using System.Globalization;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary>Settings of the misuse rules (section <c>PiAccess:Misuse</c>); see the README's misuse section.</summary>
internal sealed class MisuseOptions
{
    public const string Section = "PiAccess:Misuse";

    /// <summary>Seconds between background runs.</summary>
    public int IntervalSeconds { get; set; } = 30;

    /// <summary>Events read and judged per transaction.</summary>
    public int BatchSize { get; set; } = 5000;

    public DistinctCustomersRule DistinctCustomers { get; set; } = new();

    public OffHoursRule OffHours { get; set; } = new();

    public C3AccessRule C3Access { get; set; } = new();

    public RuleSwitch MarketingWithoutConsent { get; set; } = new();

    public CreditReportRule CreditReportWithoutAuthorization { get; set; } = new();

    public RuleSwitch FlaggedCustomer { get; set; } = new();

    internal class RuleSwitch
    {
        public bool Enabled { get; set; } = true;
    }

    internal sealed class DistinctCustomersRule : RuleSwitch
    {
        /// <summary>More distinct customers than this in the window raises an alert.</summary>
        public int Threshold { get; set; } = 50;

        public int WindowMinutes { get; set; } = 60;
    }

    internal sealed class OffHoursRule : RuleSwitch
    {
        public string WorkingHoursStart { get; set; } = "08:00";

        public string WorkingHoursEnd { get; set; } = "18:00";

        /// <summary>Source systems that legitimately run at night (batch jobs).</summary>
        public List<string> ExemptSystems { get; set; } = [];

        internal TimeOnly Start => TimeOnly.ParseExact(WorkingHoursStart, "HH:mm", CultureInfo.InvariantCulture);

        internal TimeOnly End => TimeOnly.ParseExact(WorkingHoursEnd, "HH:mm", CultureInfo.InvariantCulture);
    }

    internal sealed class C3AccessRule : RuleSwitch
    {
        /// <summary>Systems allowed to touch C3 data; empty means none.</summary>
        public List<string> AllowedSystems { get; set; } = [];

        /// <summary>Staff roles allowed to touch C3 data; empty means none.</summary>
        public List<string> AllowedRoles { get; set; } = [];
    }

    internal sealed class CreditReportRule : RuleSwitch
    {
        // Null by default: the binder appends to a pre-filled list, so the default is applied when nothing is set.
        public List<string>? Categories { get; set; }

        internal IReadOnlyList<string> EffectiveCategories => Categories is { Count: > 0 } c ? c : ["credit-report"];
    }
}

/// <summary>Fails start-up naming each bad <c>PiAccess:Misuse</c> setting.</summary>
internal sealed class MisuseOptionsValidation(CategoryCatalog catalog) : IValidateOptions<MisuseOptions>
{
    public ValidateOptionsResult Validate(string? name, MisuseOptions o)
    {
        var errors = Violations(o).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private IEnumerable<string> Violations(MisuseOptions o)
    {
        const string s = MisuseOptions.Section;
        if (o.IntervalSeconds is < 1 or > 3600)
        {
            yield return $"{s}:IntervalSeconds must be between 1 and 3600.";
        }

        if (o.BatchSize is < 1 or > 50000)
        {
            yield return $"{s}:BatchSize must be between 1 and 50000.";
        }

        if (o.DistinctCustomers.Threshold is < 1 or > 1_000_000)
        {
            yield return $"{s}:DistinctCustomers:Threshold must be between 1 and 1000000.";
        }

        if (o.DistinctCustomers.WindowMinutes is < 1 or > 1440)
        {
            yield return $"{s}:DistinctCustomers:WindowMinutes must be between 1 and 1440.";
        }

        var start = Time(o.OffHours.WorkingHoursStart);
        var end = Time(o.OffHours.WorkingHoursEnd);
        if (start is null)
        {
            yield return $"{s}:OffHours:WorkingHoursStart must be a time HH:mm.";
        }

        if (end is null)
        {
            yield return $"{s}:OffHours:WorkingHoursEnd must be a time HH:mm.";
        }

        if (start is { } a && end is { } b && a >= b)
        {
            yield return $"{s}:OffHours:WorkingHoursEnd must be later than WorkingHoursStart.";
        }

        foreach (var (list, key) in new[]
        {
            (o.OffHours.ExemptSystems, "OffHours:ExemptSystems"), (o.C3Access.AllowedSystems, "C3Access:AllowedSystems"),
            (o.C3Access.AllowedRoles, "C3Access:AllowedRoles"),
        })
        {
            if (list.Any(string.IsNullOrWhiteSpace))
            {
                yield return $"{s}:{key} must not hold blank entries.";
            }
        }

        foreach (var category in o.CreditReportWithoutAuthorization.EffectiveCategories.Where(c => catalog.MinimumTier(c ?? "") is null))
        {
            yield return $"{s}:CreditReportWithoutAuthorization:Categories: '{category}' is not a known data category.";
        }
    }

    private static TimeOnly? Time(string? text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
