using Microsoft.AspNetCore.Http;

namespace ConsumerProtection.Shared.Http;

/// <summary>A page of results with the total number of matches.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total, int PageNumber, int PageSize);

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
}

/// <summary>Weak-free entity tags from a row version.</summary>
public static class ETags
{
    /// <summary>The strong ETag for a version number.</summary>
    public static string For(long version) => $"\"{version}\"";

    /// <summary>True when the request's If-Match names <paramref name="version"/> (or is absent and not required).</summary>
    public static bool Matches(HttpRequest request, long version) =>
        request.Headers.IfMatch.Count > 0 && request.Headers.IfMatch.Any(v => v == "*" || v == For(version));
}
