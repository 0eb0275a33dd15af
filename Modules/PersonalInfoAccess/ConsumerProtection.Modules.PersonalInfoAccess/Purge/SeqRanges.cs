using System.Globalization;
using System.Text;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Purge;

/// <summary>The canonical text of a set of seqs: ascending ranges <c>a-b</c> or single <c>a</c>, comma-separated.</summary>
internal static class SeqRanges
{
    public static string Format(IEnumerable<long> seqs)
    {
        var sorted = seqs.Distinct().Order().ToList();
        var sb = new StringBuilder();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            sb.Append(sb.Length == 0 ? "" : ",").Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            if (j > i)
            {
                sb.Append('-').Append(sorted[j].ToString(CultureInfo.InvariantCulture));
            }

            i = j + 1;
        }

        return sb.ToString();
    }

    /// <summary>Parses canonical text only (ascending, disjoint, positive); anything else is a <see cref="FormatException"/>.</summary>
    public static List<(long From, long To)> Parse(string text)
    {
        var ranges = new List<(long From, long To)>();
        if (text.Length == 0)
        {
            return ranges;
        }

        var last = 0L;
        foreach (var part in text.Split(','))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var from = Number(dash < 0 ? part : part[..dash]);
            var to = dash < 0 ? from : Number(part[(dash + 1)..]);
            // Adjacent ranges would have been merged by Format, so the next range starts at least two past the last.
            if (from < (ranges.Count == 0 ? 1 : last + 2) || to < from || (dash >= 0 && to == from))
            {
                throw new FormatException("Seq ranges must be ascending, disjoint and canonical.");
            }

            ranges.Add((from, to));
            last = to;
        }

        return ranges;
    }

    private static long Number(string s) =>
        s.Length is > 0 and <= 19 && s.All(char.IsAsciiDigit) && s[0] != '0'
            ? long.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture)
            : throw new FormatException("Not a seq.");
}
