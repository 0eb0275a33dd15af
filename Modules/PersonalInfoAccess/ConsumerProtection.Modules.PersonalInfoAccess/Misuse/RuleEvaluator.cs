using System.Globalization;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Shared.Time;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary>One earlier access of a staff member, for the distinct-customers window.</summary>
internal sealed class WindowEvent
{
    public long Seq { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? CustomerRef { get; set; }
}

/// <summary>
/// Judges one batch of events against the enabled rules and groups the hits: the distinct-customers rule per staff
/// member and bank-local hour; the per-event rules per staff member and bank day (plus the system for C3 and the
/// customer for flagged customers), so a misbehaving system raises one alert a day, not one per event.
/// </summary>
internal sealed class RuleEvaluator(MisuseOptions o, CalendarRules calendar)
{
    private readonly Dictionary<string, Finding> _findings = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Finding> Findings => _findings.Values;

    public void PerEvent(IReadOnlyList<ScannedEvent> batch, IReadOnlyDictionary<string, CustomerFlagKind> flags)
    {
        foreach (var e in batch)
        {
            var local = TimeZoneInfo.ConvertTime(e.OccurredAt, calendar.Zone);
            var day = DateOnly.FromDateTime(local.DateTime);
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            // A denied access released nothing: the consent, authorization and C3 controls worked. Off-hours browsing and
            // a look at a flagged customer are signals even when refused, so those rules count every outcome.
            var released = e.Outcome != nameof(AccessOutcome.Denied);
            OffHours(e, local, day, date);
            if (released)
            {
                C3(e, date);
                Marketing(e, date);
                CreditReport(e, date);
            }

            if (o.FlaggedCustomer.Enabled && e.CustomerRef is { } customer && flags.TryGetValue(customer, out var flag))
            {
                Hit(MisuseRule.FlaggedCustomer, e, e.OccurredAt, new FindingDetails { LocalDate = date, Flag = flag.ToString() },
                    customerRef: customer, keyParts: [e.StaffId, customer, date]);
            }
        }
    }

    /// <summary>
    /// The rolling window. <paramref name="history"/> holds the staff member's accesses in [first batch event − window,
    /// last batch event + window] up to the batch's last seq. Every window [t − window, t] that ends at one of those
    /// accesses and holds a batch event is judged, so a late-delivered event also counts in the later hours it falls
    /// into. Each batch event in an over-threshold window counts once, towards the hour the window ends in.
    /// </summary>
    public void DistinctCustomers(IReadOnlyList<ScannedEvent> staffBatch, IReadOnlyList<WindowEvent> history)
    {
        var window = TimeSpan.FromMinutes(o.DistinctCustomers.WindowMinutes);
        var threshold = o.DistinctCustomers.Threshold;
        var batch = staffBatch.ToDictionary(e => e.Seq);
        var (from, to) = (staffBatch.Min(e => e.OccurredAt), staffBatch.Max(e => e.OccurredAt) + window);
        var sorted = history.OrderBy(h => h.OccurredAt).ThenBy(h => h.Seq).ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int left = 0, right = 0, attributed = -1;
        while (right < sorted.Count)
        {
            var end = sorted[right].OccurredAt;
            for (; right < sorted.Count && sorted[right].OccurredAt == end; right++)
            {
                if (sorted[right].CustomerRef is { } c)
                {
                    counts[c] = counts.GetValueOrDefault(c) + 1;
                }
            }

            for (; sorted[left].OccurredAt < end - window; left++)
            {
                if (sorted[left].CustomerRef is { } c && --counts[c] == 0)
                {
                    counts.Remove(c);
                }
            }

            if (end < from || end > to || counts.Count <= threshold)
            {
                continue;
            }

            var hour = TimeZoneInfo.ConvertTime(end, calendar.Zone).ToString("yyyy-MM-dd'T'HH':00'", CultureInfo.InvariantCulture);
            for (var i = Math.Max(left, attributed + 1); i < right; i++)
            {
                if (batch.TryGetValue(sorted[i].Seq, out var e))
                {
                    Hit(MisuseRule.DistinctCustomers, e, end - window, new FindingDetails
                    {
                        Threshold = threshold, WindowMinutes = o.DistinctCustomers.WindowMinutes, MaxDistinctCustomers = counts.Count, LocalHour = hour,
                    }, keyParts: [e.StaffId, hour], windowEnd: end);
                }
            }

            attributed = right - 1;
        }
    }

    private void OffHours(ScannedEvent e, DateTimeOffset local, DateOnly day, string date)
    {
        var rule = o.OffHours;
        if (!rule.Enabled || rule.ExemptSystems.Contains(e.SourceSystem, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var working = calendar.IsWorkingDay(day);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (working && time >= rule.Start && time < rule.End)
        {
            return;
        }

        Hit(MisuseRule.OffHours, e, e.OccurredAt, new FindingDetails
        {
            LocalDate = date, WorkingHours = $"{rule.WorkingHoursStart}-{rule.WorkingHoursEnd}", NonWorkingDay = !working,
        }, keyParts: [e.StaffId, date]);
    }

    private void C3(ScannedEvent e, string date)
    {
        var rule = o.C3Access;
        if (!rule.Enabled || e.MaxTier < 3)
        {
            return;
        }

        var systemAllowed = rule.AllowedSystems.Contains(e.SourceSystem, StringComparer.OrdinalIgnoreCase);
        var roles = (e.StaffRole ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var roleAllowed = roles.Any(r => rule.AllowedRoles.Contains(r, StringComparer.OrdinalIgnoreCase));
        if (systemAllowed && roleAllowed)
        {
            return;
        }

        var c3 = AccessEvent.ParseCategories(e.Categories).Where(c => c.Tier == DataTier.C3).Select(c => c.Name);
        Hit(MisuseRule.C3Access, e, e.OccurredAt, new FindingDetails
        {
            LocalDate = date, StaffRole = e.StaffRole, SystemAllowed = systemAllowed, RoleAllowed = roleAllowed,
            Categories = new SortedSet<string>(c3, StringComparer.Ordinal),
        }, sourceSystem: e.SourceSystem, keyParts: [e.StaffId, e.SourceSystem, date]);
    }

    private void Marketing(ScannedEvent e, string date)
    {
        if (o.MarketingWithoutConsent.Enabled && e.Purpose == nameof(AccessPurpose.MarketingWithConsent) && e.ConsentRef is null)
        {
            Hit(MisuseRule.MarketingWithoutConsent, e, e.OccurredAt, new FindingDetails { LocalDate = date }, keyParts: [e.StaffId, date]);
        }
    }

    private void CreditReport(ScannedEvent e, string date)
    {
        var rule = o.CreditReportWithoutAuthorization;
        if (!rule.Enabled || e.AuthorizationRef is not null)
        {
            return;
        }

        var matched = AccessEvent.ParseCategories(e.Categories).Select(c => c.Name).Where(rule.EffectiveCategories.Contains).ToList();
        if (matched.Count > 0)
        {
            Hit(MisuseRule.CreditReportWithoutAuthorization, e, e.OccurredAt, new FindingDetails
            {
                LocalDate = date, Categories = new SortedSet<string>(matched, StringComparer.Ordinal),
            }, keyParts: [e.StaffId, date]);
        }
    }

    private void Hit(
        MisuseRule rule, ScannedEvent e, DateTimeOffset windowStart, FindingDetails details, string?[] keyParts,
        string? customerRef = null, string? sourceSystem = null, DateTimeOffset? windowEnd = null)
    {
        var key = Finding.KeyOf([rule.ToString(), .. keyParts]);
        if (_findings.TryGetValue(key, out var finding))
        {
            finding.Add(e, windowStart, windowEnd ?? e.OccurredAt, details);
        }
        else
        {
            // The first hit sets the figures that do not merge (local date or hour, role, allowances).
            _findings[key] = finding = new Finding(rule, key, e.StaffId, customerRef, sourceSystem, details);
            finding.Add(e, windowStart, windowEnd ?? e.OccurredAt, null);
        }
    }
}
