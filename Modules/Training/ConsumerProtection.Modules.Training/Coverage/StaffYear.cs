using System.Data;
using System.Globalization;
using System.Text;
using ConsumerProtection.Modules.Training.Domain;
using Dapper;

namespace ConsumerProtection.Modules.Training.Coverage;

/// <summary>
/// The coverage summary (migration 0003): one <c>[training].[staff_year]</c> row per staff member and calendar year, so
/// the coverage report (plan 6 art. 39) reads one small row per staff member instead of the year's records.
/// <list type="bullet">
/// <item><c>cells</c>: per quarter and topic, <c>quarter,topic,sessions,minutes,scoreTotal,scored</c> joined by <c>;</c> —
/// qualifying sessions and their minutes, and every recorded score. Topic is the pinned number of <see cref="Topic"/>.
/// Quarters are enough because every period (year, half-year, quarter) starts and ends on a quarter boundary; a running
/// quarter is judged on today, and records dated after today are subtracted (<see cref="CoverageQuery"/>).</item>
/// <item><c>dated</c>: only in the year the staff member was hired, every qualifying record as <c>dayOfYear,topic,minutes</c>,
/// because the new-hire requirement counts from the hire date (plan 6 art. 12).</item>
/// <item><c>[training].[staff_year_total]</c> (migration 0004): the same year as numbers only — qualifying sessions and
/// minutes per topic (<c>s0..s8</c>, <c>m0..m8</c>), the year's score sum and count, and <c>dated</c> — so the Year report reads
/// a narrow row and parses no text.</item>
/// </list>
/// The summary depends on the staff member's records and hire date only — not on requirements, courses (a record keeps
/// the topic, minutes and pass decision it was recorded with) or branch, category and position — so it is refreshed,
/// in the same transaction, by every write that adds, corrects or deletes a record or changes a hire date.
/// </summary>
internal static class StaffYear
{
    private const string RecordsSql = """
        SELECT r.occurred_on AS Date, r.topic AS Topic, r.qualifies AS Qualifies, r.minutes AS Minutes, r.score AS Score, s.hire_date AS HireDate
        FROM [training].[training_record] r JOIN [training].[staff] s ON s.staff_id = r.staff_id
        WHERE r.staff_id = @StaffId
        """;

    private const string DeleteSql = """
        DELETE FROM [training].[staff_year] WHERE staff_id = @StaffId;
        DELETE FROM [training].[staff_year_total] WHERE staff_id = @StaffId;
        """;

    private static readonly string TotalColumns = string.Join(", ", Enumerable.Range(0, TopicCount).Select(i => $"s{i}, m{i}"));

    private static readonly string TotalInsertSql =
        $"INSERT INTO [training].[staff_year_total] (staff_id, year, {TotalColumns}, score_total, scored, dated) VALUES (@StaffId, @Year, "
        + string.Join(", ", Enumerable.Range(0, TopicCount).Select(i => $"@S{i}, @M{i}")) + ", @ScoreTotal, @Scored, @Dated)";

    /// <summary>Topic numbers are pinned 0..TopicCount-1 (Domain/Enums.cs); the totals table has a column pair per topic.</summary>
    public const int TopicCount = 9;

    private const string InsertSql = "INSERT INTO [training].[staff_year] (staff_id, year, cells, dated) VALUES (@StaffId, @Year, @Cells, @Dated)";

    private sealed class RecordRow
    {
        public DateOnly Date { get; set; }
        public string Topic { get; set; } = "";
        public bool Qualifies { get; set; }
        public int Minutes { get; set; }
        public int? Score { get; set; }
        public DateOnly HireDate { get; set; }
    }

    /// <summary>Recomputes the summary rows of <paramref name="staffIds"/> from their records, inside <paramref name="tx"/>.</summary>
    public static async Task RefreshAsync(IDbConnection c, IDbTransaction tx, IEnumerable<string> staffIds, CancellationToken ct)
    {
        var rows = new List<object>();
        var totals = new List<DynamicParameters>();
        foreach (var id in staffIds.Distinct(StringComparer.Ordinal))
        {
            var records = (await c.QueryAsync<RecordRow>(new CommandDefinition(RecordsSql, new { StaffId = id }, tx, cancellationToken: ct))).AsList();
            await c.ExecuteAsync(new CommandDefinition(DeleteSql, new { StaffId = id }, tx, cancellationToken: ct));
            foreach (var year in records.GroupBy(r => r.Date.Year))
            {
                var (cells, dated) = Encode(year.Key, year.ToList());
                rows.Add(new { StaffId = id, Year = year.Key, Cells = cells, Dated = dated });
                totals.Add(Totals(id, year.Key, year, dated));
            }
        }

        if (rows.Count > 0)
        {
            await c.ExecuteAsync(new CommandDefinition(InsertSql, rows, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(TotalInsertSql, totals, tx, cancellationToken: ct));
        }
    }

    // The year's totals (migration 0004): qualifying sessions and minutes per topic, every score.
    private static DynamicParameters Totals(string staffId, int year, IEnumerable<RecordRow> records, string? dated)
    {
        Span<int> sessions = stackalloc int[TopicCount];
        Span<int> minutes = stackalloc int[TopicCount];
        long scoreTotal = 0;
        var scored = 0;
        foreach (var r in records)
        {
            var topic = (int)Shared.Http.StrictEnum.FromStored<Topic>(r.Topic, "topic");
            sessions[topic] += r.Qualifies ? 1 : 0;
            minutes[topic] += r.Qualifies ? r.Minutes : 0;
            scoreTotal += r.Score ?? 0;
            scored += r.Score is null ? 0 : 1;
        }

        var p = new DynamicParameters(new { StaffId = staffId, Year = year, ScoreTotal = scoreTotal, Scored = scored, Dated = dated });
        for (var i = 0; i < TopicCount; i++)
        {
            p.Add($"S{i}", sessions[i]);
            p.Add($"M{i}", minutes[i]);
        }

        return p;
    }

    private static (string Cells, string? Dated) Encode(int year, List<RecordRow> records)
    {
        var cells = new SortedDictionary<(int Quarter, int Topic), (int Sessions, int Minutes, long ScoreTotal, int Scored)>();
        var dated = new StringBuilder();
        var hiredThisYear = records[0].HireDate.Year == year;
        foreach (var r in records.OrderBy(r => r.Date))
        {
            var topic = (int)Shared.Http.StrictEnum.FromStored<Topic>(r.Topic, "topic");
            var key = (Quarter(r.Date), topic);
            var (s, m, st, sc) = cells.GetValueOrDefault(key);
            cells[key] = (s + (r.Qualifies ? 1 : 0), m + (r.Qualifies ? r.Minutes : 0), st + (r.Score ?? 0), sc + (r.Score is null ? 0 : 1));
            if (hiredThisYear && r.Qualifies)
            {
                dated.Append(dated.Length == 0 ? "" : ";").Append(CultureInfo.InvariantCulture, $"{r.Date.DayOfYear},{topic},{r.Minutes}");
            }
        }

        var text = string.Join(';', cells.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Key.Quarter},{x.Key.Topic},{x.Value.Sessions},{x.Value.Minutes},{x.Value.ScoreTotal},{x.Value.Scored}")));
        return (text, dated.Length == 0 ? null : dated.ToString());
    }

    public static int Quarter(DateOnly d) => ((d.Month - 1) / 3) + 1;

    /// <summary>
    /// Adds the cells of quarters <paramref name="firstScored"/>..<paramref name="last"/> to the totals: qualifying
    /// sessions and minutes of quarters 1..last per topic, scores of quarters firstScored..last.
    /// </summary>
    public static void Sum(string? cells, int firstScored, int last, Span<int> sessions, Span<int> minutes, ref long scoreTotal, ref int scored)
    {
        if (string.IsNullOrEmpty(cells))
        {
            return;
        }

        var span = cells.AsSpan();
        Span<long> f = stackalloc long[6];
        while (!span.IsEmpty)
        {
            var end = span.IndexOf(';');
            var cell = end < 0 ? span : span[..end];
            span = end < 0 ? [] : span[(end + 1)..];
            Numbers(cell, f);
            var quarter = (int)f[0];
            if (quarter > last)
            {
                continue;
            }

            sessions[(int)f[1]] += (int)f[2];
            minutes[(int)f[1]] += (int)f[3];
            if (quarter >= firstScored)
            {
                scoreTotal += f[4];
                scored += (int)f[5];
            }
        }
    }

    /// <summary>The dated qualifying records of a hire year (<c>dayOfYear,topic,minutes</c>).</summary>
    public static IEnumerable<QualifyingRecord> Dated(string staffId, int year, string? dated)
    {
        if (string.IsNullOrEmpty(dated))
        {
            yield break;
        }

        var first = new DateOnly(year, 1, 1);
        var f = new long[3];
        foreach (var entry in dated.Split(';'))
        {
            Numbers(entry, f);
            yield return new QualifyingRecord(staffId, first.AddDays((int)f[0] - 1), (Topic)f[1], (int)f[2]);
        }
    }

    private static void Numbers(ReadOnlySpan<char> text, Span<long> into)
    {
        var i = 0;
        foreach (var range in text.Split(','))
        {
            if (i == into.Length)
            {
                break;
            }

            into[i++] = long.Parse(text[range], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        if (i != into.Length)
        {
            throw new FormatException("A staff_year entry has too few numbers.");
        }
    }
}
