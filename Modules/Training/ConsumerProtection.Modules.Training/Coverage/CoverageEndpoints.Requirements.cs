using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Infrastructure;
using ConsumerProtection.Modules.Training.Staff;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Http.Workflow;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Training.Coverage;

/// <summary>A requirement as the API takes it (the code comes from the path).</summary>
internal sealed record RequirementRequest(
    string? Title, RequirementKind? Kind, List<RoleCategory>? RoleCategories, List<string>? Positions, List<Topic>? Topics,
    int? MinSessions, decimal? MinHours, int? WithinDays, string? Source);

/// <summary>A requirement as shown.</summary>
internal sealed record RequirementView(
    string Code, string Title, RequirementKind Kind, IReadOnlyList<RoleCategory> RoleCategories, IReadOnlyList<string> Positions, IReadOnlyList<Topic> Topics,
    int MinSessions, decimal MinHours, int? WithinDays, string Source, long Version);

internal static partial class CoverageEndpoints
{
    private const string SelectRequirement = """
        SELECT code AS Code, title AS Title, kind AS Kind, role_categories AS RoleCategories, positions AS Positions, topics AS Topics,
               min_sessions AS MinSessions, min_minutes AS MinMinutes, within_days AS WithinDays, source AS Source, version AS Version
        FROM [training].[requirement] WHERE code = @Code
        """;

    private const string InsertRequirement = """
        INSERT INTO [training].[requirement] (code, title, kind, role_categories, positions, topics, min_sessions, min_minutes, within_days, source, version)
        VALUES (@Code, @Title, @Kind, @RoleCategories, @Positions, @Topics, @MinSessions, @MinMinutes, @WithinDays, @Source, 1)
        """;

    private const string UpdateRequirement = """
        UPDATE [training].[requirement] SET title = @Title, kind = @Kind, role_categories = @RoleCategories, positions = @Positions, topics = @Topics,
            min_sessions = @MinSessions, min_minutes = @MinMinutes, within_days = @WithinDays, source = @Source, version = version + 1
        WHERE code = @Code AND version = @Version
        """;

    private static void MapRequirements(RouteGroupBuilder group)
    {
        group.MapGet("/requirements", RequirementsAsync).RequireRoles(TrainingRoles.Readers).WithName("ListTrainingRequirements")
            .WithSummary("List requirements").WithDescription("The training requirements the coverage report judges by (data, not code).");
        group.MapPut("/requirements/{code}", PutRequirementAsync).RequireRoles(TrainingRoles.Writers).WithName("PutTrainingRequirement")
            .WithSummary("Add or change a requirement")
            .WithDescription("""
                Creates the requirement (201) or replaces it (200; If-Match with its ETag required: 428 without, 412 when stale). `kind`: Annual
                (per calendar year) or NewHire (within `withinDays` of hire, 1–366); filters by role categories, positions and topics (empty: all);
                `minSessions` ≥ 0, `minHours` ≥ 0, at least one of them above 0.
                """)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static async Task<Ok<IReadOnlyList<RequirementView>>> RequirementsAsync(CoverageQuery query, TrainingStore store, CancellationToken ct)
    {
        var rows = await store.Db.ReadAsync(c => c.QueryAsync<CoverageQuery.RequirementRow>(new CommandDefinition(CoverageQuery.RequirementSql, cancellationToken: ct)), ct);
        return TypedResults.Ok<IReadOnlyList<RequirementView>>(rows.Select(View).ToList());
    }

    private static RequirementView View(CoverageQuery.RequirementRow row)
    {
        var r = row.ToRequirement();
        return new RequirementView(r.Code, r.Title, r.Kind, r.RoleCategories, r.Positions, r.Topics, r.MinSessions, r.MinMinutes / 60m, r.WithinDays, r.Source, row.Version);
    }

    private static async Task<Results<Ok<RequirementView>, Created<RequirementView>, ValidationProblem, ProblemHttpResult>> PutRequirementAsync(
        string code, RequirementRequest r, HttpContext http, TrainingStore store, CancellationToken ct)
    {
        var v = new Validation();
        v.Check(StaffRules.IsCode(code), "code", "must be 1 to 50 letters, digits, '-' or '_'.");
        v.Text("title", r.Title, 200);
        v.Required("kind", r.Kind);
        v.Check(r.MinSessions is >= 0 and <= 100, "minSessions", "must be between 0 and 100.");
        var minutes = Catalogue.CourseRules.Minutes(r.MinHours ?? 0, "minHours", v);
        v.Check(r.MinSessions > 0 || minutes > 0, "minSessions", "a requirement needs at least one session or some hours.");
        v.Check(r.Kind != RequirementKind.NewHire || r.WithinDays is >= 1 and <= 366, "withinDays", "must be 1 to 366 for a NewHire requirement.");
        v.Check(r.Kind != RequirementKind.Annual || r.WithinDays is null, "withinDays", "applies only to NewHire requirements.");
        v.Check(r.Positions is null || (r.Positions.Count <= 100 && r.Positions.All(p => !string.IsNullOrWhiteSpace(p) && p.Length <= StaffRules.TextMax)), "positions", "must be up to 100 non-blank positions of at most 100 characters.");
        v.Text("source", r.Source, 200);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var args = new
        {
            Code = code, Title = r.Title!.Trim(), Kind = r.Kind!.Value.ToString(), RoleCategories = TrainingStore.Json((r.RoleCategories ?? []).Distinct().Select(c => c.ToString())),
            Positions = TrainingStore.Json((r.Positions ?? []).Select(p => p.Trim()).Distinct()), Topics = TrainingStore.Json((r.Topics ?? []).Distinct().Select(t => t.ToString())),
            r.MinSessions, MinMinutes = minutes, r.WithinDays, Source = r.Source!.Trim(), Version = 0L,
        };
        return await store.Db.InTransactionAsync<Results<Ok<RequirementView>, Created<RequirementView>, ValidationProblem, ProblemHttpResult>>(async (c, tx) =>
        {
            var old = await c.QuerySingleOrDefaultAsync<CoverageQuery.RequirementRow>(new CommandDefinition(SelectRequirement, new { Code = code }, tx, cancellationToken: ct));
            // An upsert: only a change of an existing requirement names the version it was decided on.
            if (old is not null && (IfMatch.Missing(http.Request, "requirement") ?? IfMatch.Stale(http.Request, old.Version)) is { } precondition)
            {
                return precondition;
            }

            await c.ExecuteAsync(new CommandDefinition(old is null ? InsertRequirement : UpdateRequirement, args with { Version = old?.Version ?? 0 }, tx, cancellationToken: ct));
            var now = await c.QuerySingleAsync<CoverageQuery.RequirementRow>(new CommandDefinition(SelectRequirement, new { Code = code }, tx, cancellationToken: ct));
            await store.Audit.AppendAsync(store.Db, c, tx, new AuditEntry(old is null ? "requirement.created" : "requirement.changed", "requirement", code, old, now), ct);
            IfMatch.Answer(http.Response, now.Version);
            return old is null ? TypedResults.Created($"/api/v1/training/requirements/{code}", View(now)) : TypedResults.Ok(View(now));
        }, ct);
    }
}
