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
/// <c>GET /api/v1/pi-access/events/export</c>: every event matching the list's filters as CSV (UTF-8 with a BOM,
/// formula-guarded cells), newest first, streamed. The same bounded-scan rule as the list (a customer or staff filter,
/// or a range of at most 31 days). More than <see cref="MaxRows"/> matches is refused, never cut short. The export
/// is fixed at the chain head when it starts, so the audited row count is the number of rows sent.
/// </summary>
internal static class ExportEventsEndpoints
{
    /// <summary>The most rows one export holds.</summary>
    public const int MaxRows = 100_000;

    private const int FlushEvery = 500;

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/events/export", Handle).RequireRoles(ReadAudit.Readers)
            .Produces(StatusCodes.Status200OK, contentType: Csv.MediaType).WithName("ExportPiAccessEvents").WithSummary("Export access events as CSV")
            .WithDescription($"The list's filters; at most {MaxRows} rows (narrow the filters otherwise).");

    internal static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> Handle(
        [AsParameters] EventFilter filter, HttpContext http, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db,
        ReadAudit readAudit, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation();
        if (EventFilters.Parse(filter, v, requireBoundedScan: true) is not { } criteria)
        {
            return v.ToProblem();
        }

        var (count, asOf, where, args) = await db.ReadAsync(async c =>
        {
            var head = await c.ExecuteScalarAsync<long?>(new CommandDefinition(EventSql.HeadSeq, cancellationToken: ct)) ?? 0;
            var (w, a) = EventSql.Where(criteria, asOfSeq: head);
            a.Add("Offset", 0);
            a.Add("Limit", MaxRows + 1);
            var n = await c.ExecuteScalarAsync<long>(new CommandDefinition(EventSql.BoundedCount(w, db.Dialect), a, cancellationToken: ct));
            return (n, head, w, a);
        }, ct);
        if (count > MaxRows)
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "The export is too large.",
                $"More than {MaxRows} events match; one export holds at most {MaxRows}. Narrow the filters, e.g. from and to.");
        }

        await readAudit.RecordAsync(Caller.From(http.User)!, "pi-access.events-exported", criteria,
            new { Filters = criteria.Snapshot(), AsOfSeq = asOf, Rows = count }, ct);
        http.Response.Headers["X-Total-Count"] = count.ToString(CultureInfo.InvariantCulture);
        var sql = EventSql.Page(where, db.Dialect);
        return TypedResults.Stream(body => WriteAsync(body, db, sql, args, ct), Csv.ContentType,
            $"pi-access-events-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv");
    }

    internal static async Task WriteAsync(Stream body, IModuleDb db, string sql, DynamicParameters args, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
        // A byte-order mark, so that Excel reads the text as UTF-8.
        await writer.WriteAsync('\uFEFF');
        var line = new StringBuilder();
        Csv.AppendRecord(line, EventCsv.Header);
        await using var connection = await db.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, args, cancellationToken: ct));
        var parse = reader.GetRowParser<EventRow>();
        var rows = 0;
        while (await reader.ReadAsync(ct))
        {
            Csv.AppendRecord(line, EventCsv.Cells(parse(reader)));
            if (++rows % FlushEvery == 0)
            {
                await writer.WriteAsync(line, ct);
                await writer.FlushAsync(ct);
                line.Clear();
            }
        }

        await writer.WriteAsync(line, ct);
        await writer.FlushAsync(ct);
    }
}
