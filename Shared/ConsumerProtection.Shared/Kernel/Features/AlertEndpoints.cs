using ConsumerProtection.Shared.Alerts;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Shared.Kernel.Features;

/// <summary>The operational-alerts list for Admins: list (open by default) and acknowledge. Conditions resolve themselves.</summary>
internal static class AlertEndpoints
{
    public enum AlertState
    {
        /// <summary>Alerts not yet resolved.</summary>
        Open,

        /// <summary>Alerts resolved.</summary>
        Resolved,

        /// <summary>Every alert.</summary>
        All,
    }

    private const string Select = $"SELECT {OperationalAlertStore.Columns} FROM [kernel].[operational_alert]";

    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/admin/alerts").WithTags("Admin: operational alerts").RequireRoles(Role.Admin);
        group.MapGet("/", List).WithName("ListOperationalAlerts").WithSummary("List operational alerts").WithDescription("Lists operational alerts (state=Open|Resolved|All, default Open).");
        group.MapPost("/{id:guid}/acknowledge", Acknowledge).WithName("AcknowledgeOperationalAlert")
            .WithSummary("Acknowledge an operational alert").WithDescription("Marks an alert as seen; it stays open until its condition is resolved.");
    }

    private static async Task<Results<Ok<Page<OperationalAlert>>, ValidationProblem>> List(
        AlertState? state, int? page, int? pageSize, OperationalAlertStore store, CancellationToken ct)
    {
        // The state is exactly one defined name: StrictEnumParameters refuses numbers and "Open,All" before binding (ADR 0003).
        var v = new Validation();
        var paging = Paging.From(page, pageSize, v);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var where = (state ?? AlertState.Open) switch
        {
            AlertState.Open => " WHERE resolved_at IS NULL",
            AlertState.Resolved => " WHERE resolved_at IS NOT NULL",
            _ => "",
        };
        // One row per condition (a handful): paged in memory, in the same page shape as every other list.
        var all = await store.ListAsync(Select + where + " ORDER BY raised_at, id", new { }, ct);
        return TypedResults.Ok(paging.Of(all.Skip(paging.Offset).Take(paging.PageSize).ToList(), all.Count));
    }

    private static async Task<Results<Ok<OperationalAlert>, ProblemHttpResult>> Acknowledge(
        Guid id, HttpContext http, OperationalAlertStore store, CancellationToken ct)
    {
        var alert = await store.AcknowledgeAsync(id, Caller.From(http.User)!.Id, ct);
        return alert is null ? Problems.NotFound("alert") : TypedResults.Ok(alert);
    }
}
