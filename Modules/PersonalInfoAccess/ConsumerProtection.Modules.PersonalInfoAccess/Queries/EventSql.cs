using ConsumerProtection.Shared.Data;
using Dapper;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Queries;

/// <summary>
/// The query statements, assembled from the fixed fragments below only; every value is a parameter. Newest first by
/// (occurred_at, seq), which is the order of each of the three indexes (seq is the row id SQLite keeps in every index
/// and the clustering key SQL Server adds to every nonclustered one), so a page is one index range read: an equality
/// on customer_ref or staff_id picks that index, otherwise the occurred_at index serves the time range, and the other
/// filters are checked on the rows the range yields. Paging is by keyset, never OFFSET, and nothing counts a range.
/// </summary>
internal static class EventSql
{
    public const string Columns = """
        seq, event_id, occurred_at, recorded_at, staff_id, staff_role, staff_branch, staff_department, source_system, customer_ref,
        categories, max_tier, action, purpose, purpose_text, legal_basis, business_ref, consent_ref, authorization_ref, channel,
        outcome, payload_hash, row_hash, purged_at
        """;

    public const string Order = "occurred_at DESC, seq DESC";

    // The fragments, in the order they are joined. The keyset term repeats the bound as a plain range
    // (occurred_at <= @CursorAt) so that both engines use it to start the index scan.
    internal static readonly (string Name, string Sql)[] Fragments =
    [
        ("customer", "customer_ref = @Customer"),
        ("staff", "staff_id = @Staff"),
        ("source", "source_system = @Source"),
        ("purpose", "purpose = @Purpose"),
        ("action", "action = @Action"),
        ("tier", "max_tier >= @MinTier"),
        ("from", "occurred_at >= @From"),
        ("to", "occurred_at < @To"),
        ("cursor", "occurred_at <= @CursorAt AND (occurred_at < @CursorAt OR seq < @CursorSeq)"),
        ("asOf", "seq <= @AsOfSeq"),
    ];

    public const string HeadSeq = "SELECT MAX(seq) FROM [piaccess].[access_event]";

    /// <summary>The WHERE clause for <paramref name="c"/>, after <paramref name="cursor"/> and up to <paramref name="asOfSeq"/>.</summary>
    public static (string Where, DynamicParameters Args) Where(EventCriteria c, EventCursor? cursor = null, long? asOfSeq = null)
    {
        var (where, pairs) = Bind(c, cursor, asOfSeq);
        var args = new DynamicParameters();
        foreach (var (name, value) in pairs)
        {
            args.Add(name, value);
        }

        return (where, args);
    }

    /// <summary>
    /// As <see cref="Where"/>, with the values as an ordered list (for <see cref="IModuleDb.QueryPreparedAsync{T}"/>): for
    /// one WHERE text the names always come in the same order, so a statement prepared for that text binds by position.
    /// </summary>
    public static (string Where, List<(string Name, object? Value)> Args) Bind(EventCriteria c, EventCursor? cursor = null, long? asOfSeq = null)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var args = new List<(string Name, object? Value)>();
        void Add(bool when, string fragment, string name, object? value)
        {
            if (when)
            {
                used.Add(fragment);
                args.Add((name, value));
            }
        }

        Add(c.Customer is not null, "customer", "Customer", c.Customer);
        Add(c.Staff is not null, "staff", "Staff", c.Staff);
        Add(c.Source is not null, "source", "Source", c.Source);
        Add(c.Purpose is not null, "purpose", "Purpose", c.Purpose?.ToString());
        Add(c.Action is not null, "action", "Action", c.Action?.ToString());
        Add(c.MinTier is not null, "tier", "MinTier", (int?)c.MinTier + 1);
        Add(c.From is not null, "from", "From", c.From);
        Add(c.To is not null, "to", "To", c.To);
        if (cursor is { } k)
        {
            Add(true, "cursor", "CursorAt", k.OccurredAt);
            args.Add(("CursorSeq", k.Seq));
        }

        Add(asOfSeq is not null, "asOf", "AsOfSeq", asOfSeq);
        return (Join(used), args);
    }

    /// <summary>Every fragment combination's WHERE clause (for the T-SQL parse test).</summary>
    internal static IEnumerable<string> AllWheres()
    {
        for (var mask = 0; mask < 1 << Fragments.Length; mask++)
        {
            yield return Join(Fragments.Where((_, i) => (mask & (1 << i)) != 0).Select(f => f.Name).ToHashSet(StringComparer.Ordinal));
        }
    }

    private static string Join(HashSet<string> used)
    {
        var parts = Fragments.Where(f => used.Contains(f.Name)).Select(f => f.Sql).ToList();
        return parts.Count == 0 ? "1 = 1" : string.Join(" AND ", parts);
    }

    /// <summary>A page: binds <c>@Offset</c> (always 0: keyset paging) and <c>@Limit</c>.</summary>
    public static string Page(string where, SqlDialect dialect) =>
        "SELECT " + Columns + " FROM [piaccess].[access_event] WHERE " + where + " ORDER BY " + Order + " " + dialect.Page;

    /// <summary>Every matching row (the data-subject report: one customer's range in a period).</summary>
    public static string Range(string where) =>
        "SELECT " + Columns + " FROM [piaccess].[access_event] WHERE " + where + " ORDER BY " + Order;

    /// <summary>How many rows match, counting at most <c>@Limit</c> (the export's cap + 1): never a walk of a whole range.</summary>
    public static string BoundedCount(string where, SqlDialect dialect) =>
        "SELECT COUNT(*) FROM (SELECT seq FROM [piaccess].[access_event] WHERE " + where + " ORDER BY " + Order + " " + dialect.Page + ") AS capped";
}
