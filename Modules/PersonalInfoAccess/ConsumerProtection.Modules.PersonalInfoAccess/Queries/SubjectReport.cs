using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Queries;

/// <summary>How many accesses had one value (null: the field was not given).</summary>
internal sealed record Tally(string? Key, long Count);

/// <summary>How many accesses touched one data category.</summary>
internal sealed record CategoryTally(string Name, DataTier Tier, long Count);

/// <summary>
/// A data-subject report (PIPL art. 45: who accessed the customer's information, when, what and why) over a period:
/// the figures cover every access in the period; <see cref="Entries"/> lists the newest <see cref="SubjectReportsEndpoints.MaxEntries"/>
/// of them, and <see cref="Truncated"/> says when there were more (the export, filtered by customer, has them all).
/// </summary>
internal sealed record SubjectReport(
    string CustomerReference, DateTimeOffset? From, DateTimeOffset? To, long TotalAccesses, DateTimeOffset? FirstAccessAt,
    DateTimeOffset? LastAccessAt, IReadOnlyList<Tally> ByPurpose, IReadOnlyList<Tally> BySourceSystem, IReadOnlyList<Tally> ByStaffBranch,
    IReadOnlyList<Tally> ByStaffDepartment, IReadOnlyList<CategoryTally> ByCategory, IReadOnlyList<Tally> ByTier,
    IReadOnlyList<Tally> ByAction, IReadOnlyList<Tally> ByOutcome, IReadOnlyList<EventView> Entries, bool Truncated);

/// <summary>Builds a <see cref="SubjectReport"/> in one pass over the customer's rows, newest first.</summary>
internal sealed class SubjectReportBuilder(string customer, DateTimeOffset? from, DateTimeOffset? to)
{
    private readonly Dictionary<string, long> _purpose = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _source = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _branch = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _department = new(StringComparer.Ordinal);
    private readonly Dictionary<DataCategory, long> _category = [];
    private readonly Dictionary<string, long> _tier = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _action = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _outcome = new(StringComparer.Ordinal);
    private readonly List<EventRow> _entries = [];
    private long _total;
    private DateTimeOffset? _first;
    private DateTimeOffset? _last;

    // A null key (an optional field not given) is counted under this placeholder and shown as null.
    private const string None = "\0";

    public void Add(EventRow r)
    {
        _total++;
        _last ??= r.OccurredAt;
        _first = r.OccurredAt;
        Count(_purpose, r.Purpose);
        Count(_source, r.SourceSystem);
        Count(_branch, r.StaffBranch);
        Count(_department, r.StaffDepartment);
        Count(_tier, "C" + r.MaxTier);
        Count(_action, r.Action);
        Count(_outcome, r.Outcome);
        foreach (var c in AccessEvent.ParseCategories(r.Categories))
        {
            _category[c] = _category.GetValueOrDefault(c) + 1;
        }

        if (_entries.Count <= SubjectReportsEndpoints.MaxEntries)
        {
            _entries.Add(r);
        }
    }

    public (SubjectReport Report, IReadOnlyList<EventRow> Rows) Build()
    {
        var truncated = _entries.Count > SubjectReportsEndpoints.MaxEntries;
        var rows = truncated ? _entries.GetRange(0, SubjectReportsEndpoints.MaxEntries) : _entries;
        var report = new SubjectReport(
            customer, from, to, _total, _first, _last, Tallies(_purpose), Tallies(_source), Tallies(_branch), Tallies(_department),
            _category.OrderByDescending(c => c.Value).ThenBy(c => c.Key.Name, StringComparer.Ordinal).ThenBy(c => c.Key.Tier)
                .Select(c => new CategoryTally(c.Key.Name, c.Key.Tier, c.Value)).ToList(),
            Tallies(_tier), Tallies(_action), Tallies(_outcome), rows.Select(EventView.From).ToList(), truncated);
        return (report, rows);
    }

    private static void Count(Dictionary<string, long> counts, string? key) =>
        counts[key ?? None] = counts.GetValueOrDefault(key ?? None) + 1;

    private static List<Tally> Tallies(Dictionary<string, long> counts) =>
        counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new Tally(c.Key == None ? null : c.Key, c.Value)).ToList();
}
