using System.Globalization;
using System.Text.RegularExpressions;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Queries;

/// <summary>
/// The filters of the event list and the export, as sent. Everything is text, so that every bad value is reported by
/// field (a framework binding failure would name none).
/// </summary>
internal sealed record EventFilter(
    string? CustomerReference, string? StaffId, string? SourceSystem, string? Purpose, string? Action, string? MinTier,
    string? From, string? To);

/// <summary>Validated filters. <see cref="From"/> is inclusive, <see cref="To"/> exclusive.</summary>
internal sealed record EventCriteria(
    string? Customer, string? Staff, string? Source, AccessPurpose? Purpose, AccessAction? Action, DataTier? MinTier,
    DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>
    /// Without a customer or staff filter the scan walks the occurred-at index, so the range must be bounded: both ends
    /// given and at most this long (over 10 million rows a rare source system must not walk the whole table).
    /// </summary>
    public static readonly TimeSpan MaxOpenWindow = TimeSpan.FromDays(31);

    /// <summary>The filters in a short, stable form for the audit row's entity id (at most 200 characters).</summary>
    public string Summary()
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + (value is DateTimeOffset d ? d.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) : value));
            }
        }

        Add("customerReference", Customer);
        Add("staffId", Staff);
        Add("sourceSystem", Source);
        Add("purpose", Purpose);
        Add("action", Action);
        Add("minTier", MinTier);
        Add("from", From);
        Add("to", To);
        var text = parts.Count == 0 ? "all" : string.Join(';', parts);
        return text.Length <= 200 ? text : text[..197] + "...";
    }

    /// <summary>The filters as the audit row's snapshot shows them.</summary>
    public object Snapshot() => new
    {
        CustomerReference = Customer, StaffId = Staff, SourceSystem = Source, Purpose, Action, MinTier, From, To,
    };
}

internal static partial class EventFilters
{
    /// <summary>Validates <paramref name="f"/> into <paramref name="v"/>; null when any field is bad.</summary>
    public static EventCriteria? Parse(EventFilter f, Validation v, bool requireBoundedScan)
    {
        var before = v.ErrorCount;
        v.Text("customerReference", f.CustomerReference, 100, required: false)
            .Text("staffId", f.StaffId, 200, required: false)
            .Text("sourceSystem", f.SourceSystem, 100, required: false);
        var purpose = Enum<AccessPurpose>(v, "purpose", f.Purpose);
        var action = Enum<AccessAction>(v, "action", f.Action);
        var tier = Enum<DataTier>(v, "minTier", f.MinTier);
        var from = Instant(v, "from", f.From);
        var to = Instant(v, "to", f.To);
        v.Check(from is null || to is null || from <= to, "to", "must not be before from.");
        var customer = Blank(f.CustomerReference);
        var staff = Blank(f.StaffId);
        if (requireBoundedScan && customer is null && staff is null)
        {
            var days = EventCriteria.MaxOpenWindow.TotalDays;
            v.Check(from is not null, "from", $"is required without customerReference or staffId (a range of at most {days:0} days).");
            v.Check(to is not null, "to", $"is required without customerReference or staffId (a range of at most {days:0} days).");
            v.Check(from is null || to is null || to - from <= EventCriteria.MaxOpenWindow, "to",
                $"must be at most {days:0} days after from without customerReference or staffId.");
        }

        return v.ErrorCount != before
            ? null
            : new EventCriteria(customer, staff, Blank(f.SourceSystem), purpose, action, tier, from?.ToUniversalTime(), to?.ToUniversalTime());
    }

    /// <summary>An instant with an explicit offset (<c>Z</c> or <c>±hh:mm</c>); a local time is ambiguous and refused.</summary>
    internal static DateTimeOffset? Instant(Validation v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!OffsetSuffix().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            v.Add(field, "must be an ISO-8601 instant with an offset, e.g. 2026-11-26T08:00:00Z or 2026-11-26T16:00:00+08:00.");
            return null;
        }

        return value;
    }

    internal static T? Enum<T>(Validation v, string field, string? text)
        where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Names only: Enum.TryParse would also take "3" or "view".
        if (System.Enum.GetNames<T>().FirstOrDefault(n => n == text.Trim()) is { } name)
        {
            return System.Enum.Parse<T>(name);
        }

        v.Add(field, "must be one of " + string.Join(", ", System.Enum.GetNames<T>()) + ".");
        return null;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [GeneratedRegex(@"T.*(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OffsetSuffix();
}
