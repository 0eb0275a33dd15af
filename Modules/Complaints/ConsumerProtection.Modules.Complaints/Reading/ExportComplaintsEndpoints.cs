using System.Text;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Complaints.Reading;

/// <summary>
/// <c>GET /api/v1/complaints/export</c>: the working list as CSV, with the search's filters, sort and scope, streamed
/// row by row. The consumer's personal details are columns only when the caller's role may see them and the caller
/// asks (<c>includeConsumer=true</c>); such an export is recorded as an access to personal information.
/// </summary>
internal static partial class ExportComplaintsEndpoints
{
    /// <summary>An export larger than this is refused (narrow the filters), never silently cut short.</summary>
    public const int MaxRows = 200_000;

    // Rows go to the client in batches of this many, so memory stays flat whatever the export's size.
    private const int FlushEvery = 500;

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/export", Handle)
            .RequireRoles(GetComplaintEndpoints.Readers)
            .Produces(StatusCodes.Status200OK, contentType: Csv.MediaType)
            .WithDescription("The search's filters and sort; includeConsumer=true adds the consumer's details where your role allows.")
            .WithName("ExportComplaints").WithSummary("Export complaints as CSV");

    private static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> Handle(
        [AsParameters] SearchComplaintsEndpoints.Filter f, bool? includeConsumer, HttpContext http, ComplaintStore store, IAuditWriter audit,
        IPersonalInfoAccessLog accessLog, TimeProvider time, CancellationToken ct)
    {
        var v = SearchComplaintsEndpoints.Validate(f);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var caller = Caller.From(http.User)!;
        var now = time.GetUtcNow();
        var (where, args) = SearchComplaintsEndpoints.Where(f, caller, now);
        var total = await store.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(
            SearchComplaintsEndpoints.CountSql(where), args, cancellationToken: ct)), ct);
        if (total > MaxRows)
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "The export is too large.",
                $"{total} complaints match; one export holds at most {MaxRows}. Narrow the filters, e.g. receivedFrom and receivedTo.");
        }

        var consumer = includeConsumer == true && ComplaintScope.MaySeeConsumer(caller);
        var exportId = Guid.CreateVersion7(now).ToString();
        if (consumer)
        {
            await ConsumerAccess.RecordAsync(store, audit, accessLog, caller, now,
                new AuditEntry("complaint.exported-with-consumer", "complaint-export", exportId, null, new { Filter = f, Rows = total }),
                "complaint-export:" + exportId, exportId, AccessAction.Export, ct);
        }

        var sql = SelectSql(where, SearchComplaintsEndpoints.OrderBy(f.Sort), consumer, ComplaintScope.RepeatOf(caller));
        http.Response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Stream(body => WriteAsync(body, store, sql, args, consumer, ct), Csv.ContentType, $"complaints-{now:yyyyMMdd-HHmmss}.csv");
    }

    // Assembled from fixed fragments only (the search's where clause, a whitelisted order); values are parameters.
    internal static string SelectSql(string where, string order, bool consumer, string repeatOf) =>
        "SELECT " + (consumer ? Columns + ", " + ConsumerColumns : Columns) + ", " + repeatOf + " AS repeat_of_id FROM [complaints].[complaint] WHERE "
        + where + " ORDER BY " + order;

    private static async Task WriteAsync(Stream body, ComplaintStore store, string sql, DynamicParameters args, bool consumer, CancellationToken ct)
    {
        var cells = consumer ? [.. Cells, .. ConsumerCells] : Cells;
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
        // A byte-order mark, so that Excel (what the office opens exports with) reads the Chinese text as UTF-8.
        await writer.WriteAsync('\uFEFF');
        var line = new StringBuilder();
        Csv.AppendRecord(line, cells.Select(c => c.Header));
        await using var connection = await store.Db.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, args, cancellationToken: ct));
        var parse = reader.GetRowParser<ComplaintRow>();
        var rows = 0;
        while (await reader.ReadAsync(ct))
        {
            var row = parse(reader);
            if (consumer)
            {
                // Decrypted for this line only: the row is not written back.
                var details = store.Consumers.Open(row);
                (row.ConsumerName, row.ConsumerPhone, row.ConsumerEmail, row.ConsumerIdNumber) = (details.Name, details.Phone, details.Email, details.IdNumber);
            }

            Csv.AppendRecord(line, cells.Select(c => c.Value(row)));
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
