using System.Text.Json;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Modules;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Shared.Kernel.Features;

/// <summary><c>/api/v1/audit/{schema}</c>: Auditor and Admin read any schema's audit trail and verify its hash chain.</summary>
internal static class AuditEndpoints
{
    public sealed record AuditRow(
        long Seq, Guid Id, DateTimeOffset OccurredAt, string ActorId, string ActorName, IReadOnlyList<string> ActorRoles,
        string? ActorBranch, string Action, string EntityType, string EntityId, JsonElement? Before, JsonElement? After,
        string? CorrelationId, string PrevHash, string RowHash);

    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/audit/{schema}").WithTags("Audit").RequireRoles(Role.Auditor, Role.Admin);
        group.MapGet("/records", Records).WithName("QueryAuditRecords").WithSummary("Query audit records");
        group.MapPost("/verify", Verify).WithName("VerifyAuditChain").WithSummary("Verify an audit hash chain")
            .WithDescription("Recomputes the schema's audit hash chain and reports the first broken link, if any.");
    }

    internal static AuditRow View(AuditRecord r) => new(
        r.Seq, r.Id, r.OccurredAt, r.ActorId, r.ActorName, r.ActorRoles.Split(',', StringSplitOptions.RemoveEmptyEntries),
        r.ActorBranch, r.Action, r.EntityType, r.EntityId, Json(r.BeforeJson), Json(r.AfterJson), r.CorrelationId, r.PrevHash, r.RowHash);

    private static JsonElement? Json(string? text) => text is null ? null : JsonDocument.Parse(text).RootElement.Clone();

    private static async Task<Results<Ok<Page<AuditRow>>, ValidationProblem, ProblemHttpResult>> Records(
        string schema, ModuleCatalog catalog, IServiceProvider services, CancellationToken ct,
        string? entityType, string? entityId, string? actorId, string? action, DateTimeOffset? from, DateTimeOffset? to,
        int? page, int? pageSize)
    {
        if (!catalog.HasSchema(schema))
        {
            return Problems.NotFound("schema");
        }

        var v = new Validation()
            .Text("entityType", entityType, 100, required: false).Text("entityId", entityId, 200, required: false)
            .Text("actorId", actorId, 200, required: false).Text("action", action, 100, required: false)
            .Check(from is null || to is null || from < to, "to", "must be after from.");
        var paging = Paging.From(page, pageSize, v);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var db = services.GetRequiredKeyedService<IModuleDb>(schema);
        var (items, total) = await AuditQuery.PageAsync(db, new AuditFilter(entityType, entityId, actorId, action, from, to),
            paging.Offset, paging.PageSize, ct);
        return TypedResults.Ok(paging.Of(items.Select(View).ToList(), total));
    }

    private static async Task<Results<Ok<AuditVerification>, ProblemHttpResult>> Verify(
        string schema, ModuleCatalog catalog, IServiceProvider services, CancellationToken ct)
    {
        if (!catalog.HasSchema(schema))
        {
            return Problems.NotFound("schema");
        }

        return TypedResults.Ok(await AuditVerifier.VerifyAsync(services.GetRequiredKeyedService<IModuleDb>(schema), ct));
    }
}
