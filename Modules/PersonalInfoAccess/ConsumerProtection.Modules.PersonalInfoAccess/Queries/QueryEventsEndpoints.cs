using System.Globalization;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Queries;

/// <summary>
/// <c>GET /api/v1/pi-access/events</c>: the log, filtered, newest first, paged by an opaque keyset cursor
/// (<c>limit</c> 1-500, default 100; <c>nextCursor</c> is null on the last page). No total: counting a range of
/// millions of rows is what the keyset page avoids. Audited as <c>pi-access.events-queried</c>.
/// </summary>
internal static class QueryEventsEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    internal sealed record EventPage(IReadOnlyList<EventView> Items, string? NextCursor);

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/events", Handle).RequireRoles(ReadAudit.Readers).WithName("QueryPiAccessEvents").WithSummary("Query access events")
            .WithDescription("Filters: customerReference, staffId, sourceSystem, purpose, action, minTier, from (inclusive), to (exclusive). "
                + "Without customerReference or staffId, from and to are required and at most 31 days apart.");

    internal static async Task<Results<Ok<EventPage>, ValidationProblem>> Handle(
        [AsParameters] EventFilter filter, string? limit, string? cursor, HttpContext http,
        [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, ReadAudit readAudit, CancellationToken ct)
    {
        var v = new Validation();
        var criteria = EventFilters.Parse(filter, v, requireBoundedScan: true);
        var size = Limit(limit, v);
        EventCursor? after = null;
        if (cursor is not null)
        {
            v.Check(EventCursor.TryDecode(cursor, out var k), "cursor", "is not a cursor this API returned.");
            after = k;
        }

        // A refused query read nothing, so it is not audited (the HTTP log has it).
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var (where, args) = EventSql.Bind(criteria!, after);
        args.Add(("Offset", 0));
        args.Add(("Limit", size + 1));
        // Prepared once per reader connection: preparing this 24-column SELECT cost about a tenth of the request (issue 12).
        var rows = (await db.QueryPreparedAsync<EventRow>(EventSql.Page(where, db.Dialect), args, ct)).ToList();
        var more = rows.Count > size;
        if (more)
        {
            rows.RemoveAt(size);
        }

        await readAudit.RecordAsync(Caller.From(http.User)!, "pi-access.events-queried", criteria!,
            new { Filters = criteria!.Snapshot(), Cursor = cursor, Limit = size, Rows = rows.Count }, ct);
        var next = more ? new EventCursor(rows[^1].OccurredAt, rows[^1].Seq).Encode() : null;
        return TypedResults.Ok(new EventPage(rows.Select(EventView.From).ToList(), next));
    }

    private static int Limit(string? text, Validation v)
    {
        if (text is null)
        {
            return DefaultLimit;
        }

        var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxLimit;
        v.Check(ok, "limit", $"must be a whole number from 1 to {MaxLimit}.");
        return ok ? n : DefaultLimit;
    }
}
