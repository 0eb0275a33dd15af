using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Complaints.Incidents;

/// <summary>Major incidents (plan 6 art. 41): list, acknowledge, and record the report made upward.</summary>
internal static class IncidentsEndpoints
{
    public sealed record IncidentRow
    {
        public Guid Id { get; init; }
        public long Version { get; init; }
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public string? ProductCode { get; init; }
        public Guid ComplaintId { get; init; }
        public int ComplaintCount { get; init; }
        public DateTimeOffset? WindowFrom { get; init; }
        public DateTimeOffset OpenedAt { get; init; }
        public DateTimeOffset? AcknowledgedAt { get; init; }
        public string? AcknowledgedBy { get; init; }
        public string? ReportedTo { get; init; }
        public DateTimeOffset? ReportedAt { get; init; }
        public string? ReportReference { get; init; }
        public string? ReportedBy { get; init; }
    }

    public sealed record ReportRequest(string? ReportedTo, DateTimeOffset? ReportedAt, string? Reference);

    public const string Columns = """
        id, version, kind, status, product_code, complaint_id, complaint_count, window_from, opened_at, acknowledged_at,
        acknowledged_by, reported_to, reported_at, report_reference, reported_by
        """;

    public const string List = $"""
        SELECT {Columns} FROM [complaints].[incident]
        WHERE (@Status IS NULL OR status = @Status) ORDER BY opened_at DESC, id
        """;

    public const string Count = """
        SELECT COUNT(*) FROM [complaints].[incident] WHERE (@Status IS NULL OR status = @Status)
        """;

    public const string ById = $"""
        SELECT {Columns} FROM [complaints].[incident] WHERE id = @Id
        """;

    public const string Acknowledge = """
        UPDATE [complaints].[incident] SET status = 'Acknowledged', acknowledged_at = @Now, acknowledged_by = @By, version = version + 1
        WHERE id = @Id AND status = 'Open'
        """;

    public const string Report = """
        UPDATE [complaints].[incident]
        SET status = 'Reported', reported_to = @ReportedTo, reported_at = @ReportedAt, report_reference = @Reference, reported_by = @By,
            acknowledged_at = COALESCE(acknowledged_at, @Now), acknowledged_by = COALESCE(acknowledged_by, @By), version = version + 1
        WHERE id = @Id AND status <> 'Reported'
        """;

    private static readonly Role[] Managers = [Role.ComplaintSupervisor, Role.Admin];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/incidents", ListAll).RequireRoles(Managers).WithName("ListIncidents").WithSummary("List major incidents")
            .WithDescription("Newest first, paged like every list (page, pageSize 1-200, default 50; items and total); status filters by Open, Acknowledged or Reported.");
        group.MapGet("/incidents/by-id", Get).RequireRoles(Managers).WithName("GetIncident").WithSummary("Get a major incident")
            .WithDescription("The incident's id goes in the query: ?id=.");

        // Deprecated alias (ambiguous beside /{id}/consumer in the document): still served, not documented.
        group.MapGet("/incidents/{id:guid}", Get).RequireRoles(Managers).ExcludeFromDescription();
        group.MapPost("/incidents/{id:guid}/acknowledge", Ack).RequireRoles(Managers).WithName("AcknowledgeIncident").WithSummary("Acknowledge a major incident");
        group.MapPost("/incidents/{id:guid}/report", Reported).RequireRoles(Managers).WithName("RecordIncidentReport").WithSummary("Record an incident's report upward")
            .WithDescription("Records that the incident was reported upward: to whom, when, and the report's reference.");
    }

    private static async Task<Results<Ok<Page<IncidentRow>>, ValidationProblem>> ListAll(
        ComplaintStore store, IncidentStatus? status, int? page, int? pageSize, CancellationToken ct)
    {
        var v = new Validation();
        var paging = Paging.From(page, pageSize, v);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var args = new { Status = status?.ToString(), paging.Offset, Limit = paging.PageSize };
        // Count and page in one snapshot, so the total and the items agree.
        return TypedResults.Ok(await SnapshotRead.ReadAsync(store.Db, async (c, tx) =>
        {
            var total = await c.ExecuteScalarAsync<long>(new CommandDefinition(Count, args, tx, cancellationToken: ct));
            var items = await c.QueryAsync<IncidentRow>(new CommandDefinition(List + " " + store.Db.Dialect.Page, args, tx, cancellationToken: ct));
            return paging.Of(items.AsList(), total);
        }, ct));
    }

    private static async Task<Results<Ok<IncidentRow>, ProblemHttpResult>> Get(Guid id, HttpContext http, ComplaintStore store, CancellationToken ct)
    {
        if (await store.Db.ReadAsync(c => c.QuerySingleOrDefaultAsync<IncidentRow>(new CommandDefinition(ById, new { Id = id }, cancellationToken: ct)), ct) is not { } row)
        {
            return Problems.NotFound("incident");
        }

        http.Response.Headers.ETag = ETags.For(row.Version);
        return TypedResults.Ok(row);
    }

    private static Task<Results<Ok<IncidentRow>, ValidationProblem, ProblemHttpResult>> Ack(
        Guid id, HttpContext http, ComplaintStore store, IAuditWriter audit, TimeProvider time, CancellationToken ct) =>
        ChangeAsync(id, http, store, audit, "incident.acknowledged", Acknowledge,
            new { Id = id, Now = time.GetUtcNow(), By = Caller.From(http.User)!.Id }, new Validation(), "is not open", ct);

    private static Task<Results<Ok<IncidentRow>, ValidationProblem, ProblemHttpResult>> Reported(
        Guid id, ReportRequest r, HttpContext http, ComplaintStore store, IAuditWriter audit, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var v = new Validation().Text("reportedTo", r.ReportedTo, 200).Required("reportedAt", r.ReportedAt)
            .Check(r.ReportedAt is null || r.ReportedAt <= now.AddMinutes(5), "reportedAt", "must not be in the future.")
            .Text("reference", r.Reference, 100);
        return ChangeAsync(id, http, store, audit, "incident.reported", Report, new
        {
            Id = id, Now = now, By = Caller.From(http.User)!.Id, ReportedTo = r.ReportedTo?.Trim(), r.ReportedAt, Reference = r.Reference?.Trim(),
        }, v, "was already reported", ct);
    }

    private static async Task<Results<Ok<IncidentRow>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, HttpContext http, ComplaintStore store, IAuditWriter audit, string action, string sql, object args, Validation v, string conflict,
        CancellationToken ct)
    {
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        return await store.Db.InTransactionAsync<Results<Ok<IncidentRow>, ValidationProblem, ProblemHttpResult>>(async (c, tx) =>
        {
            var before = await c.QuerySingleOrDefaultAsync<IncidentRow>(new CommandDefinition(ById, new { Id = id }, tx, cancellationToken: ct));
            if (before is null)
            {
                return Problems.NotFound("incident");
            }

            if (await c.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: ct)) == 0)
            {
                return Problems.Conflict($"The incident {conflict} (status {before.Status}).", new Dictionary<string, object?> { ["currentStatus"] = before.Status });
            }

            var after = await c.QuerySingleAsync<IncidentRow>(new CommandDefinition(ById, new { Id = id }, tx, cancellationToken: ct));
            await audit.AppendAsync(store.Db, c, tx, new AuditEntry(action, "incident", id.ToString(), before, after), ct);
            http.Response.Headers.ETag = ETags.For(after.Version);
            return TypedResults.Ok(after);
        }, ct);
    }
}
