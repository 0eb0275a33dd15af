using System.Text;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Complaints.Handling;

/// <summary>
/// <c>GET /api/v1/complaints/lifecycle</c>: the workflow (plan 6) as data — every state, and for each allowed
/// (state, action) the state it leads to and who may take it. <c>Accept: text/markdown</c> answers the same table as
/// Markdown, which is what the module README shows.
/// </summary>
internal static class LifecycleTableEndpoints
{
    public const string MarkdownMediaType = "text/markdown";

    /// <summary>One allowed step. <c>To</c> equals <c>From</c> for overlays (escalate, extensions).</summary>
    public sealed record Step(ComplaintStatus From, ComplaintAction Action, string Route, ComplaintStatus To, IReadOnlyList<Role> Roles, string Who);

    public sealed record Response(IReadOnlyList<ComplaintStatus> States, IReadOnlyList<ComplaintStatus> OpenStates, IReadOnlyList<Step> Steps);

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/lifecycle", Handle)
            .RequireRoles(Role.Teller, Role.ComplaintHandler, Role.ComplaintSupervisor, Role.Admin)
            .Produces<Response>(StatusCodes.Status200OK, "application/json", MarkdownMediaType)
            .WithName("GetComplaintLifecycle").WithSummary("Get the complaint state machine")
            .WithDescription("Every state and, for each allowed state and action, the resulting state, the roles that may call the action and the rule within them. Actions go to POST /api/v1/complaints/{id}/{route}. JSON by default; a Markdown table with Accept: text/markdown.");

    private static Results<Ok<Response>, ContentHttpResult> Handle(HttpContext http) =>
        http.Request.Headers.Accept.ToString().Contains(MarkdownMediaType, StringComparison.OrdinalIgnoreCase)
            ? TypedResults.Text(Markdown(), MarkdownMediaType + "; charset=utf-8")
            : TypedResults.Ok(Build());

    internal static Response Build() => new(
        Enum.GetValues<ComplaintStatus>(),
        Lifecycle.OpenStates,
        Lifecycle.Steps().Select(s => new Step(s.From, s.Action, Lifecycle.Route(s.Action), s.To, Lifecycle.RolesFor(s.Action), Lifecycle.RuleFor(s.Action))).ToList());

    /// <summary>The table as Markdown: one row per allowed (state, action).</summary>
    internal static string Markdown()
    {
        var md = new StringBuilder();
        md.Append("| state | action (`POST …/{id}/…`) | next state | roles | who may |\n|---|---|---|---|---|\n");
        foreach (var s in Build().Steps)
        {
            var next = s.To == s.From ? $"{s.To} (unchanged)" : s.To.ToString();
            md.Append($"| {s.From} | `{s.Route}` | {next} | {string.Join(", ", s.Roles)} | {s.Who} |\n");
        }

        return md.ToString();
    }
}
