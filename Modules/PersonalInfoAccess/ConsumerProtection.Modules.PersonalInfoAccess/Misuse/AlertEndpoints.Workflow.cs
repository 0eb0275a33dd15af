using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Http.Workflow;
using ConsumerProtection.Shared.MajorEvents;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary>
/// The alert workflow: acknowledge (Open → Acknowledged), then dismiss or confirm, each with a note and If-Match.
/// Confirming a leak opens a major event in the same transaction (plan 6 art. 41(5): a major leak is reportable).
/// </summary>
internal static partial class AlertEndpoints
{
    public sealed record NoteRequest(string? Note);

    public sealed record ConfirmRequest(string? Note, bool? Leak, string? Summary);

    private sealed record Step(AlertAction Action, string? Note, bool Leak, string? Summary);

    public static void MapWorkflow(RouteGroupBuilder group)
    {
        group.MapPost("/alerts/{id:guid}/acknowledge", Acknowledge).RequireRoles(MisuseRoles.Writers).WithName("AcknowledgePiAccessAlert").WithSummary("Acknowledge a misuse alert");
        group.MapPost("/alerts/{id:guid}/dismiss", Dismiss).RequireRoles(MisuseRoles.Writers).WithName("DismissPiAccessAlert").WithSummary("Dismiss a misuse alert");
        group.MapPost("/alerts/{id:guid}/confirm", Confirm).RequireRoles(MisuseRoles.Writers).WithName("ConfirmPiAccessAlert").WithSummary("Confirm a misuse alert");
    }

    private static Task<Results<Ok<AlertView>, ValidationProblem, ProblemHttpResult>> Acknowledge(
        Guid id, NoteRequest? request, HttpContext http, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db,
        IAuditWriter audit, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation().Text("note", request?.Note, 2000, required: false, multiline: true);
        return ApplyAsync(id, new Step(AlertAction.Acknowledge, request?.Note, false, null), v, http, db, audit, time, ct);
    }

    private static Task<Results<Ok<AlertView>, ValidationProblem, ProblemHttpResult>> Dismiss(
        Guid id, NoteRequest? request, HttpContext http, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db,
        IAuditWriter audit, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation().Text("note", request?.Note, 2000, multiline: true);
        return ApplyAsync(id, new Step(AlertAction.Dismiss, request?.Note, false, null), v, http, db, audit, time, ct);
    }

    private static Task<Results<Ok<AlertView>, ValidationProblem, ProblemHttpResult>> Confirm(
        Guid id, ConfirmRequest? request, HttpContext http, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db,
        IAuditWriter audit, IMajorEventRegister register, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation().Text("note", request?.Note, 2000, multiline: true).Check(request?.Leak is not null, "leak", "is required (true when personal information leaked).");
        v.Text("summary", request?.Summary, 1000, required: request?.Leak == true, multiline: true);
        return ApplyAsync(id, new Step(AlertAction.Confirm, request?.Note, request?.Leak == true, request?.Summary), v, http, db, audit, time, ct, register);
    }

    private static async Task<Results<Ok<AlertView>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        Guid id, Step step, Validation v, HttpContext http, IModuleDb db, IAuditWriter audit, TimeProvider time, CancellationToken ct,
        IMajorEventRegister? register = null)
    {
        var by = Caller.From(http.User)!.Id;
        var now = time.GetUtcNow();
        var (noteId, eventId) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var guard = new Guard<AlertRow>("alert",
            (c, tx) => c.QuerySingleOrDefaultAsync<AlertRow>(new CommandDefinition(AlertSql.ById, new { Id = id }, tx, cancellationToken: ct)),
            row => row.Version, row => AlertLifecycle.Machine.Check(row.StatusValue, step.Action));
        return await GuardedChange.RunAsync(http, db, v, guard, async (c, tx, row) =>
        {
            var status = row.StatusValue;
            var next = AlertLifecycle.Machine.Next(status, step.Action);
            var closing = step.Action != AlertAction.Acknowledge;
            var resolution = step.Action switch
            {
                AlertAction.Dismiss => AlertResolution.NoMisuse,
                AlertAction.Confirm => step.Leak ? AlertResolution.Leak : AlertResolution.Misuse,
                _ => (AlertResolution?)null,
            };
            var changed = await c.ExecuteAsync(new CommandDefinition(AlertSql.Transition, new
            {
                Id = id, row.Version, Status = next.ToString(), Now = now,
                AcknowledgedBy = closing ? null : by, AcknowledgedAt = closing ? null : (DateTimeOffset?)now,
                ClosedBy = closing ? by : null, ClosedAt = closing ? now : (DateTimeOffset?)null, Resolution = resolution?.ToString(),
                MajorEventId = step.Leak ? eventId : (Guid?)null,
            }, tx, cancellationToken: ct));
            if (changed != 1)
            {
                throw GuardedChange.Refuse(IfMatch.Overtaken(row.Version));
            }

            await c.ExecuteAsync(new CommandDefinition(AlertSql.InsertNote, new
            {
                Id = noteId, AlertId = id, NotedAt = now, Author = by, FromStatus = status.ToString(), ToStatus = next.ToString(),
                Note = string.IsNullOrWhiteSpace(step.Note) ? null : step.Note.Trim(),
            }, tx, cancellationToken: ct));
            var after = await c.QuerySingleAsync<AlertRow>(new CommandDefinition(AlertSql.ById, new { Id = id }, tx, cancellationToken: ct));
            await audit.AppendAsync(db, c, tx, new AuditEntry("pi-access.alert." + Past(step.Action), "alert", id.ToString(), row.Snapshot(), after.Snapshot()), ct);
            if (step.Leak)
            {
                await MajorEventEndpoints.OpenAsync(c, tx, db, audit, register!, eventId, id, now, by, step.Summary!.Trim(), ct);
            }

            var view = (await AlertEndpoints.ReadAsync(c, tx, id, ct))!;
            return new Applied<Ok<AlertView>>(TypedResults.Ok(view), view.Version);
        }, ct);
    }

    private static string Past(AlertAction action) => action switch
    {
        AlertAction.Acknowledge => "acknowledged",
        AlertAction.Dismiss => "dismissed",
        _ => "confirmed",
    };
}
