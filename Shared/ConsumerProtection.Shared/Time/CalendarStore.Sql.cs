using System.Data.Common;
using Dapper;

namespace ConsumerProtection.Shared.Time;

internal sealed partial class CalendarStore
{
    public const string SelectYearDays = """
        SELECT day AS Date, kind AS Kind, name AS Name, origin AS Origin FROM [kernel].[calendar_day]
        WHERE day >= @From AND day <= @To ORDER BY day
        """;

    public const string SelectYearRow = """
        SELECT origin AS Origin, CAST(shipped_revision AS BIGINT) AS Revision FROM [kernel].[calendar_year] WHERE year = @Year
        """;

    public const string DeleteYear = """
        DELETE FROM [kernel].[calendar_day] WHERE day >= @From AND day <= @To
        """;

    public const string DeleteNational = """
        DELETE FROM [kernel].[calendar_day] WHERE day >= @From AND day <= @To AND origin <> 'Local'
        """;

    public const string SelectLocalDates = """
        SELECT day FROM [kernel].[calendar_day] WHERE day >= @From AND day <= @To AND origin = 'Local'
        """;

    public const string DeleteDay = """
        DELETE FROM [kernel].[calendar_day] WHERE day = @Date
        """;

    public const string DeleteLocalDay = """
        DELETE FROM [kernel].[calendar_day] WHERE day = @Date AND origin = 'Local'
        """;

    public const string InsertDay = """
        INSERT INTO [kernel].[calendar_day] (day, kind, name, origin) VALUES (@Date, @Kind, @Name, @Origin)
        """;

    // A year's origin only moves towards the office: Local -> Shipped -> Office; Office stays Office.
    public const string UpdateYear = """
        UPDATE [kernel].[calendar_year]
        SET version = version + 1, changed_at = @Now, changed_by = @By,
            origin = CASE WHEN origin = 'Office' OR @Origin = 'Local' THEN origin ELSE @Origin END,
            source = CASE WHEN @Origin = 'Local' THEN source ELSE @Source END,
            shipped_revision = CASE WHEN @Origin = 'Local' THEN shipped_revision ELSE @Revision END
        WHERE year = @Year
        """;

    public const string InsertYear = """
        INSERT INTO [kernel].[calendar_year] (year, version, origin, source, shipped_revision, changed_at, changed_by)
        VALUES (@Year, 1, @Origin, @Source, @Revision, @Now, @By)
        """;

    private static async Task InsertAsync(DbConnection c, DbTransaction tx, IEnumerable<CalendarDay> days, string origin, CancellationToken ct)
    {
        foreach (var d in days)
        {
            await c.ExecuteAsync(new CommandDefinition(InsertDay,
                new { d.Date, Kind = d.Kind.ToString(), Name = d.Name.Trim(), Origin = origin }, tx, cancellationToken: ct));
        }
    }

    // The national entries of the year are replaced; a date holding a local day keeps it (local days win).
    private static async Task<List<CalendarDay>> ReplaceNationalAsync(DbConnection c, DbTransaction tx, CalendarSchedule s, string origin, CancellationToken ct)
    {
        var range = Range(s.Year);
        await c.ExecuteAsync(new CommandDefinition(DeleteNational, range, tx, cancellationToken: ct));
        var local = (await c.QueryAsync<DateOnly>(new CommandDefinition(SelectLocalDates, range, tx, cancellationToken: ct))).ToHashSet();
        var kept = s.Days.Where(d => !local.Contains(d.Date)).ToList();
        await InsertAsync(c, tx, kept, origin, ct);
        return kept;
    }

    private async Task BumpAsync(DbConnection c, DbTransaction tx, int year, string origin, string source, int? revision, CancellationToken ct)
    {
        var args = new { Year = year, Origin = origin, Source = source, Revision = revision, Now = time.GetUtcNow(), By = "calendar" };
        if (await c.ExecuteAsync(new CommandDefinition(UpdateYear, args, tx, cancellationToken: ct)) == 0)
        {
            await c.ExecuteAsync(new CommandDefinition(InsertYear, args, tx, cancellationToken: ct));
        }
    }
}
