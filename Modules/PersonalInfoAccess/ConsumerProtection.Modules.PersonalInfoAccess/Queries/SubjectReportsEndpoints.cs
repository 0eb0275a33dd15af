using System.Globalization;
using System.Text;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Queries;

/// <summary>
/// <c>GET /api/v1/pi-access/subjects/{customerReference}/report?from&amp;to</c>: the data-subject report as JSON, or as
/// CSV with <c>Accept: text/csv</c> (a summary block, a blank line, then the entries). One read of the customer's
/// index range in the period. Events already purged by retention no longer name the customer and are not in it.
/// Audited as <c>pi-access.subject-report</c>.
/// </summary>
internal static class SubjectReportsEndpoints
{
    /// <summary>The most entries listed (the figures always cover every access in the period).</summary>
    public const int MaxEntries = 1000;

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/subjects/{customerReference}/report", Handle).RequireRoles(ReadAudit.Readers)
            .Produces<SubjectReport>().Produces(StatusCodes.Status200OK, contentType: Csv.MediaType).WithName("PiAccessSubjectReport").WithSummary("Get a customer's access report");

    internal static async Task<Results<Ok<SubjectReport>, FileContentHttpResult, ValidationProblem>> Handle(
        string customerReference, string? from, string? to, HttpContext http,
        [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, ReadAudit readAudit, CancellationToken ct)
    {
        var v = new Validation();
        // The route value can still be blank ("%20"): a report of nobody would read the whole log.
        v.Check(!string.IsNullOrWhiteSpace(customerReference), "customerReference", "is required.");
        var criteria = EventFilters.Parse(new EventFilter(customerReference, null, null, null, null, null, from, to), v, requireBoundedScan: false);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var (where, args) = EventSql.Where(criteria!);
        var sql = EventSql.Range(where);
        var builder = new SubjectReportBuilder(criteria!.Customer!, criteria.From, criteria.To);
        await db.ReadAsync(async c =>
        {
            await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(sql, args, cancellationToken: ct));
            var parse = reader.GetRowParser<EventRow>();
            while (await reader.ReadAsync(ct))
            {
                builder.Add(parse(reader));
            }

            return 0;
        }, ct);
        var (report, rows) = builder.Build();
        var csv = Csv.Wanted(http.Request);
        await readAudit.RecordAsync(Caller.From(http.User)!, "pi-access.subject-report", criteria, new
        {
            Filters = criteria.Snapshot(), Format = csv ? "csv" : "json", report.TotalAccesses, Rows = report.Entries.Count, report.Truncated,
        }, ct);
        if (!csv)
        {
            return TypedResults.Ok(report);
        }

        // A byte-order mark first, so that Excel reads the text as UTF-8.
        return TypedResults.File([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(ToCsv(report, rows))], Csv.ContentType,
            "pi-access-subject-report.csv");
    }

    internal static string ToCsv(SubjectReport r, IReadOnlyList<EventRow> rows)
    {
        var text = new StringBuilder();
        string? At(DateTimeOffset? at) => at is { } a ? EventCsv.Instant(a) : null;
        string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        Csv.AppendRecord(text, ["measure", "value", "count"]);
        Csv.AppendRecord(text, ["customerReference", r.CustomerReference, null]);
        Csv.AppendRecord(text, ["from", At(r.From), null]);
        Csv.AppendRecord(text, ["to", At(r.To), null]);
        Csv.AppendRecord(text, ["totalAccesses", null, N(r.TotalAccesses)]);
        Csv.AppendRecord(text, ["firstAccessAt", At(r.FirstAccessAt), null]);
        Csv.AppendRecord(text, ["lastAccessAt", At(r.LastAccessAt), null]);
        Csv.AppendRecord(text, ["truncated", r.Truncated ? "true" : "false", null]);
        foreach (var (measure, tallies) in new[]
        {
            ("purpose", r.ByPurpose), ("sourceSystem", r.BySourceSystem), ("staffBranch", r.ByStaffBranch),
            ("staffDepartment", r.ByStaffDepartment), ("tier", r.ByTier), ("action", r.ByAction), ("outcome", r.ByOutcome),
        })
        {
            foreach (var t in tallies)
            {
                Csv.AppendRecord(text, [measure, t.Key, N(t.Count)]);
            }
        }

        foreach (var c in r.ByCategory)
        {
            Csv.AppendRecord(text, ["category", c.Name + ":" + c.Tier, N(c.Count)]);
        }

        text.Append("\r\n");
        Csv.AppendRecord(text, EventCsv.Header);
        foreach (var row in rows)
        {
            Csv.AppendRecord(text, EventCsv.Cells(row));
        }

        return text.ToString();
    }
}
