namespace ConsumerProtection.Modules.DisclosureReview.Domain;

/// <summary>How a paragraph changed between two versions.</summary>
internal enum ParagraphChange
{
    /// <summary>The paragraph is new in this version.</summary>
    Added,

    /// <summary>The paragraph was removed in this version.</summary>
    Removed,

    /// <summary>The paragraph's text changed.</summary>
    Changed,
}

/// <summary>One changed paragraph: its number in the older version, in the newer one, and both texts.</summary>
internal sealed record ParagraphDelta(ParagraphChange Change, int? FromParagraph, int? ToParagraph, string? FromText, string? ToText);

/// <summary>
/// Paragraph diff so a reviewer re-reads only what changed: common head and tail are skipped, the middle is aligned by
/// longest common subsequence; in each gap removed and added paragraphs are paired in order as "changed", the rest
/// are added or removed. A middle too large for the table (more than <see cref="MaxCells"/> cells) is reported as
/// changed paragraph by paragraph instead of aligned.
/// </summary>
internal static class ParagraphDiff
{
    public const long MaxCells = 4_000_000;

    public static IReadOnlyList<ParagraphDelta> Compute(IReadOnlyList<string> from, IReadOnlyList<string> to)
    {
        var head = 0;
        while (head < from.Count && head < to.Count && from[head] == to[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < from.Count - head && tail < to.Count - head && from[from.Count - 1 - tail] == to[to.Count - 1 - tail])
        {
            tail++;
        }

        var n = from.Count - head - tail;
        var m = to.Count - head - tail;
        var result = new List<ParagraphDelta>();
        if ((long)n * m > MaxCells)
        {
            Gap(from, to, head, head + n, head, head + m, result);
            return result;
        }

        // lcs[i, j]: length of the LCS of from[head+i..] and to[head+j..].
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = from[head + i] == to[head + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int a = 0, b = 0, gapA = 0, gapB = 0;
        while (a < n || b < m)
        {
            if (a < n && b < m && from[head + a] == to[head + b])
            {
                Gap(from, to, head + gapA, head + a, head + gapB, head + b, result);
                a++;
                b++;
                gapA = a;
                gapB = b;
            }
            else if (b >= m || (a < n && lcs[a + 1, b] >= lcs[a, b + 1]))
            {
                a++;
            }
            else
            {
                b++;
            }
        }

        Gap(from, to, head + gapA, head + n, head + gapB, head + m, result);
        return result;
    }

    // from[fa..fb) was replaced by to[ta..tb).
    private static void Gap(IReadOnlyList<string> from, IReadOnlyList<string> to, int fa, int fb, int ta, int tb, List<ParagraphDelta> result)
    {
        var paired = Math.Min(fb - fa, tb - ta);
        for (var k = 0; k < paired; k++)
        {
            result.Add(new(ParagraphChange.Changed, fa + k + 1, ta + k + 1, from[fa + k], to[ta + k]));
        }

        for (var k = fa + paired; k < fb; k++)
        {
            result.Add(new(ParagraphChange.Removed, k + 1, null, from[k], null));
        }

        for (var k = ta + paired; k < tb; k++)
        {
            result.Add(new(ParagraphChange.Added, null, k + 1, null, to[k]));
        }
    }
}
