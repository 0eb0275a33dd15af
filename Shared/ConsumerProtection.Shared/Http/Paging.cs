using Microsoft.AspNetCore.Http;

namespace ConsumerProtection.Shared.Http;

/// <summary>A page of results with the total number of matches.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total, int PageNumber, int PageSize)
{
    /// <summary>Rows of this page that could not be read (changed outside the API); empty normally. They count in the total.</summary>
    public IReadOnlyList<RowError> RowErrors { get; init; } = [];
}

/// <summary>A stored row that could not be shown: which record, which field, why.</summary>
public sealed record RowError(string Id, string Field, string Detail);

/// <summary>Bounded paging from <c>page</c> (1-based) and <c>pageSize</c> (1–200, default 50).</summary>
public readonly record struct Paging(int PageNumber, int PageSize)
{
    /// <summary>The largest page size.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Rows to skip.</summary>
    public int Offset => (PageNumber - 1) * PageSize;

    /// <summary>Validates the query values into <paramref name="validation"/>; returns the paging to use.</summary>
    public static Paging From(int? page, int? pageSize, Validation validation)
    {
        validation.Check(page is null or >= 1 and <= 1_000_000, "page", "must be between 1 and 1000000.");
        validation.Check(pageSize is null or >= 1 and <= MaxPageSize, "pageSize", $"must be between 1 and {MaxPageSize}.");
        return new Paging(page is >= 1 and <= 1_000_000 ? page.Value : 1, pageSize is >= 1 and <= MaxPageSize ? pageSize.Value : 50);
    }

    /// <summary>Wraps rows into a page.</summary>
    public Page<T> Of<T>(IReadOnlyList<T> items, long total) => new(items, total, PageNumber, PageSize);

    /// <summary>
    /// Maps stored rows into a page; a row whose stored values are not ones this product writes becomes a
    /// <see cref="RowError"/> of its own instead of failing the whole list.
    /// </summary>
    public Page<T> Of<TRow, T>(IEnumerable<TRow> rows, Func<TRow, T> map, Func<TRow, string> id, long total)
    {
        var items = new List<T>();
        List<RowError>? errors = null;
        foreach (var row in rows)
        {
            try
            {
                items.Add(map(row));
            }
            catch (StoredValueException e)
            {
                (errors ??= []).Add(new RowError(id(row), e.Field, e.Message));
            }
        }

        return new Page<T>(items, total, PageNumber, PageSize) { RowErrors = errors ?? [] };
    }
}

/// <summary>Weak-free entity tags from a row version.</summary>
public static class ETags
{
    /// <summary>The strong ETag for a version number.</summary>
    public static string For(long version) => "\"" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// True when the request's If-Match names <paramref name="version"/>. <c>If-Match: *</c> does not match: a state
    /// change must name the version it was decided on, or a concurrent change would be overwritten unseen.
    /// </summary>
    public static bool Matches(HttpRequest request, long version)
    {
        var current = For(version);
        foreach (var header in request.Headers.IfMatch)
        {
            foreach (var tag in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (tag == current)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
