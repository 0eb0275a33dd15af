using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Http.Workflow;
using ConsumerProtection.Shared.Kernel;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Shared.MajorEvents;

/// <summary>A major event's report upward: to whom, when, and the report's reference (plan 6 art. 41).</summary>
/// <param name="ReportedTo">The authority reported to (1-200 characters).</param>
/// <param name="ReportedAt">When the report was made; not in the future.</param>
/// <param name="Reference">The report's reference (1-100 characters).</param>
public sealed record MajorEventReportRequest(string? ReportedTo, DateTimeOffset? ReportedAt, string? Reference);

/// <summary>The office's one major-event workflow (plan 6 art. 41, ADR 0008): list, read, acknowledge, report upward.</summary>
internal static class MajorEventEndpoints
{
    private const string Workflow = "Requires If-Match with the entry's ETag (428 without, 412 stale); 409 with allowedActions when its status does not allow it.";

    private static readonly Role[] Readers = [Role.ComplaintSupervisor, Role.PrivacyOfficer, Role.Auditor, Role.Admin];
    private static readonly Role[] Writers = [Role.ComplaintSupervisor, Role.PrivacyOfficer, Role.Admin];

    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/major-events").WithTags("Major events");
        group.MapGet("/", List).RequireRoles(Readers).WithName("ListMajorEvents").WithSummary("List the major-event register")
            .WithDescription("Newest detection first, paged (page, pageSize 1-200). Filters: status (Open|Acknowledged|Reported), sourceModule, from/to on the detection time.")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", Get).RequireRoles(Readers).WithName("GetMajorEvent").WithSummary("Get a major-event register entry")
            .WithDescription("The entry with its source (module + reference), report-upward due time and ETag.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/acknowledge", Acknowledge).RequireRoles(Writers).WithName("AcknowledgeMajorEvent")
            .WithSummary("Acknowledge a major event").WithDescription("Marks an open entry as seen. " + Workflow)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapPost("/{id:guid}/report-upward", ReportUpward).RequireRoles(Writers).WithName("ReportMajorEventUpward")
            .WithSummary("Record a major event's report upward").WithDescription("Records to whom, when and under which reference the event was reported upward. " + Workflow)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static async Task<Results<Ok<Page<MajorEventEntry>>, ValidationProblem>> List(
        MajorEventStatus? status, string? sourceModule, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize,
        [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, CancellationToken ct)
    {
        var v = new Validation().Text("sourceModule", sourceModule, 64, required: false)
            .Check(from is null || to is null || from < to, "to", "must be after from.");
        var paging = Paging.From(page, pageSize, v);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var args = new { Status = status?.ToString(), SourceModule = sourceModule?.Trim(), From = from, To = to, paging.Offset, Limit = paging.PageSize };
        return TypedResults.Ok(await db.InTransactionAsync(async (c, tx) =>
        {
            var total = await c.ExecuteScalarAsync<long>(new CommandDefinition(MajorEventSql.Count, args, tx, cancellationToken: ct));
            var items = await c.QueryAsync<MajorEventEntry>(new CommandDefinition(MajorEventSql.List + " " + db.Dialect.Page, args, tx, cancellationToken: ct));
            return paging.Of(items.AsList(), total);
        }, ct));
    }

    private static async Task<Results<Ok<MajorEventEntry>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, CancellationToken ct)
    {
        if (await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<MajorEventEntry>(new CommandDefinition(MajorEventSql.ById, new { Id = id }, cancellationToken: ct)), ct) is not { } row)
        {
            return Problems.NotFound("major event");
        }

        http.Response.Headers.ETag = ETags.For(row.Version);
        return TypedResults.Ok(row);
    }

    private static Task<Results<Ok<MajorEventEntry>, ValidationProblem, ProblemHttpResult>> Acknowledge(
        Guid id, HttpContext http, [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IAuditWriter audit, TimeProvider time, CancellationToken ct) =>
        ChangeAsync(id, http, db, audit, "major-event.acknowledged", MajorEventSql.Acknowledge,
            version => new { Id = id, Version = version, Now = time.GetUtcNow(), By = Caller.From(http.User)!.Id }, new Validation(), MajorEventAction.Acknowledge, ct);

    private static Task<Results<Ok<MajorEventEntry>, ValidationProblem, ProblemHttpResult>> ReportUpward(
        Guid id, MajorEventReportRequest r, HttpContext http, [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IAuditWriter audit, TimeProvider time,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var v = new Validation().Text("reportedTo", r.ReportedTo, 200).Required("reportedAt", r.ReportedAt)
            .Check(r.ReportedAt is null || r.ReportedAt <= now.AddMinutes(5), "reportedAt", "must not be in the future.")
            .Text("reference", r.Reference, 100);
        return ChangeAsync(id, http, db, audit, "major-event.reported", MajorEventSql.Report, version => new
        {
            Id = id, Version = version, Now = now, By = Caller.From(http.User)!.Id, ReportedTo = r.ReportedTo?.Trim(), r.ReportedAt,
            Reference = r.Reference?.Trim(),
        }, v, MajorEventAction.ReportUpward, ct);
    }

    // A shared guarded change; since the register was built it answers 404 before 428 (IfMatchAfterLoad), and a write
    // that finds the status changed under it answers 409 like the state check.
    private static Task<Results<Ok<MajorEventEntry>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, HttpContext http, IModuleDb db, IAuditWriter audit, string action, string sql, Func<long, object> args, Validation v, MajorEventAction workflowAction,
        CancellationToken ct)
    {
        var guard = new Guard<MajorEventEntry>("major event",
            (c, tx) => c.QuerySingleOrDefaultAsync<MajorEventEntry>(new CommandDefinition(MajorEventSql.ById, new { Id = id }, tx, cancellationToken: ct)),
            e => e.Version, e => MajorEventWorkflow.Machine.Check(MajorEventWorkflow.StatusOf(e), workflowAction)) { IfMatchAfterLoad = true };
        return GuardedChange.RunAsync(http, db, v, guard, async (c, tx, before) =>
        {
            if (await c.ExecuteAsync(new CommandDefinition(sql, args(before.Version), tx, cancellationToken: ct)) == 0)
            {
                throw GuardedChange.Refuse(MajorEventWorkflow.Machine.NotAllowed(MajorEventWorkflow.StatusOf(before), workflowAction));
            }

            var after = await c.QuerySingleAsync<MajorEventEntry>(new CommandDefinition(MajorEventSql.ById, new { Id = id }, tx, cancellationToken: ct));
            await audit.AppendAsync(db, c, tx, new AuditEntry(action, "major-event", id.ToString(), Snapshot(before), Snapshot(after)), ct);
            return new Applied<Ok<MajorEventEntry>>(TypedResults.Ok(after), after.Version);
        }, ct);
    }

    // The audit trail keeps status and report facts, not the summary text.
    private static object Snapshot(MajorEventEntry e) =>
        new { e.Status, e.Version, e.AcknowledgedAt, e.AcknowledgedBy, e.ReportedTo, e.ReportedAt, e.ReportReference, e.ReportedBy };
}
