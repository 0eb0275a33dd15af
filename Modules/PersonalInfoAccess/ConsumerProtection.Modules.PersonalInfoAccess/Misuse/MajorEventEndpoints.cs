using System.Data.Common;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.MajorEvents;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary>Major events (a confirmed personal-information leak, plan 6 art. 41(5)): list, read, record the upward report once.</summary>
internal static class MajorEventEndpoints
{
    public sealed record ReportRequest(string? ReportedTo, DateTimeOffset? ReportedAt, string? Reference);

    public sealed class MajorEventRow
    {
        public Guid Id { get; set; }
        public Guid AlertId { get; set; }
        public string Rule { get; set; } = "";
        public string? StaffId { get; set; }
        public DateTimeOffset OpenedAt { get; set; }
        public string OpenedBy { get; set; } = "";
        public string Summary { get; set; } = "";
        public DateTimeOffset? ReportedAt { get; set; }
        public string? ReportedBy { get; set; }
        public string? ReportedTo { get; set; }
        public string? ReportReference { get; set; }
        public DateTimeOffset? ReportRecordedAt { get; set; }

        // The summary is free text that may describe people: the audit trail keeps the facts and references.
        public object Snapshot() => new { Id, AlertId, OpenedAt, OpenedBy, ReportedAt, ReportedBy, ReportedTo, ReportReference };
    }

    private const string Select = """
        SELECT m.id, m.alert_id, a.[rule], a.staff_id, m.opened_at, m.opened_by, m.summary, m.reported_at, m.reported_by, m.reported_to,
            m.report_reference, m.report_recorded_at
        FROM [piaccess].[major_event] m JOIN [piaccess].[alert] a ON a.id = m.alert_id
        """;

    public const string ById = Select + " WHERE m.id = @Id";

    public const string List = Select + """
         WHERE (@Reported IS NULL OR (@Reported = 1 AND m.reported_at IS NOT NULL) OR (@Reported = 0 AND m.reported_at IS NULL))
        ORDER BY m.opened_at DESC, m.id DESC
        """;

    public const string Count = """
        SELECT COUNT(*) FROM [piaccess].[major_event] m
        WHERE (@Reported IS NULL OR (@Reported = 1 AND m.reported_at IS NOT NULL) OR (@Reported = 0 AND m.reported_at IS NULL))
        """;

    public const string Insert = """
        INSERT INTO [piaccess].[major_event] (id, alert_id, opened_at, opened_by, summary) VALUES (@Id, @AlertId, @OpenedAt, @OpenedBy, @Summary)
        """;

    public const string Report = """
        UPDATE [piaccess].[major_event]
        SET reported_at = @ReportedAt, reported_by = @By, reported_to = @ReportedTo, report_reference = @Reference, report_recorded_at = @Now
        WHERE id = @Id AND reported_at IS NULL
        """;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/major-events", ListAll).RequireRoles(MisuseRoles.Readers).WithName("ListPiAccessMajorEvents").WithSummary("List personal-information major events");
        group.MapGet("/major-events/{id:guid}", Get).RequireRoles(MisuseRoles.Readers).WithName("GetPiAccessMajorEvent").WithSummary("Get a personal-information major event");
        group.MapPost("/major-events/{id:guid}/report", Reported).RequireRoles(MisuseRoles.Writers).WithName("RecordPiAccessMajorEventReport").WithSummary("Record a major event's report upward");
    }

    /// <summary>Opens a major event for a confirmed leak, inside the confirming transaction.</summary>
    public static async Task OpenAsync(
        DbConnection c, DbTransaction tx, IModuleDb db, IAuditWriter audit, IMajorEventRegister register, Guid id, Guid alertId, DateTimeOffset now,
        string by, string summary, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition(Insert, new { Id = id, AlertId = alertId, OpenedAt = now, OpenedBy = by, Summary = summary }, tx, cancellationToken: ct));
        var row = await c.QuerySingleAsync<MajorEventRow>(new CommandDefinition(ById, new { Id = id }, tx, cancellationToken: ct));
        await audit.AppendAsync(db, c, tx, new AuditEntry("pi-access.major-event.opened", "major-event", id.ToString(), null, row.Snapshot()), ct);

        // The office's register links back by this major event's id; the officer's free-text summary may describe people,
        // so the register gets a fixed one (ADR 0008).
        await register.RaiseAsync(db, c, tx, new MajorEventRaised("PersonalInfoAccess", id.ToString(), "PersonalInfoLeak", MajorEventSeverity.Major,
            now, now, $"Confirmed personal-information leak from access-log alert {alertId} (rule {row.Rule}).", Guid.CreateVersion7(now)), ct);
    }

    private static async Task<Results<Ok<Page<MajorEventRow>>, ValidationProblem>> ListAll(
        bool? reported, int? page, int? pageSize, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, CancellationToken ct)
    {
        var v = new Validation();
        var paging = Paging.From(page, pageSize, v);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var args = new { Reported = reported is null ? (int?)null : reported.Value ? 1 : 0, paging.Offset, Limit = paging.PageSize };
        var (total, rows) = await db.ReadAsync(async c => (
            await c.ExecuteScalarAsync<long>(new CommandDefinition(Count, args, cancellationToken: ct)),
            (await c.QueryAsync<MajorEventRow>(new CommandDefinition(List + " " + db.Dialect.Page, args, cancellationToken: ct))).AsList()), ct);
        return TypedResults.Ok(paging.Of(rows, total));
    }

    private static async Task<Results<Ok<MajorEventRow>, ProblemHttpResult>> Get(
        Guid id, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, CancellationToken ct) =>
        await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<MajorEventRow>(new CommandDefinition(ById, new { Id = id }, cancellationToken: ct)), ct) is { } row
            ? TypedResults.Ok(row)
            : Problems.NotFound("major event");

    private static async Task<Results<Ok<MajorEventRow>, ValidationProblem, ProblemHttpResult>> Reported(
        Guid id, ReportRequest request, HttpContext http, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db,
        IAuditWriter audit, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var v = new Validation().Text("reportedTo", request.ReportedTo, 200).Required("reportedAt", request.ReportedAt)
            .Check(request.ReportedAt is null || request.ReportedAt <= now.AddMinutes(5), "reportedAt", "must not be in the future.")
            .Text("reference", request.Reference, 100);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var args = new
        {
            Id = id, request.ReportedAt, By = Caller.From(http.User)!.Id, ReportedTo = request.ReportedTo!.Trim(), Reference = request.Reference!.Trim(), Now = now,
        };
        return await db.InTransactionAsync<Results<Ok<MajorEventRow>, ValidationProblem, ProblemHttpResult>>(async (c, tx) =>
        {
            var before = await c.QuerySingleOrDefaultAsync<MajorEventRow>(new CommandDefinition(ById, args, tx, cancellationToken: ct));
            if (before is null)
            {
                return Problems.NotFound("major event");
            }

            if (await c.ExecuteAsync(new CommandDefinition(Report, args, tx, cancellationToken: ct)) != 1)
            {
                return Problems.Conflict("The major event was already reported; a report is recorded once.", new Dictionary<string, object?>
                {
                    ["reportedAt"] = before.ReportedAt, ["reportedTo"] = before.ReportedTo, ["reportReference"] = before.ReportReference,
                });
            }

            var after = await c.QuerySingleAsync<MajorEventRow>(new CommandDefinition(ById, args, tx, cancellationToken: ct));
            await audit.AppendAsync(db, c, tx, new AuditEntry("pi-access.major-event.reported", "major-event", id.ToString(), before.Snapshot(), after.Snapshot()), ct);
            return TypedResults.Ok(after);
        }, ct);
    }
}
