using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Idempotency;
using ConsumerProtection.Shared.Retention;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Shared.Kernel.Features;

/// <summary><c>/api/v1/retention</c>: policies, legal holds (place, list, lift) and an on-demand disposal run.</summary>
internal static class RetentionEndpoints
{
    public sealed record PolicyView(string RecordType, int Years);

    public sealed record PlaceHoldRequest(string? RecordType, string? RecordId, string? Reason);

    public sealed record LiftHoldRequest(string? Reason);

    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/retention").WithTags("Retention");
        group.MapGet("/policies", Policies).RequireRoles(Role.Auditor, Role.Admin).WithName("ListRetentionPolicies").WithSummary("List retention policies");
        group.MapPost("/holds", Place).RequireRoles(Role.Auditor, Role.Admin).WithIdempotency().WithName("PlaceLegalHold").WithSummary("Place a legal hold")
            .WithDescription("Idempotent with an Idempotency-Key header.");
        group.MapGet("/holds", List).RequireRoles(Role.Auditor, Role.Admin).WithName("ListLegalHolds").WithSummary("List legal holds");
        group.MapGet("/holds/{id:guid}", Get).RequireRoles(Role.Auditor, Role.Admin).WithName("GetLegalHold").WithSummary("Get a legal hold");
        group.MapPost("/holds/{id:guid}/lift", Lift).RequireRoles(Role.Auditor, Role.Admin).WithName("LiftLegalHold").WithSummary("Lift a legal hold");
        group.MapPost("/disposal-runs", Dispose).RequireRoles(Role.Admin).WithName("RunDisposal").WithSummary("Run a disposal pass");
    }

    private static Ok<IReadOnlyList<PolicyView>> Policies(DisposalService disposal, IOptions<RetentionOptions> options) =>
        TypedResults.Ok<IReadOnlyList<PolicyView>>(disposal.Sources
            .Select(s => new PolicyView(s.RecordType, options.Value.YearsFor(s.RecordType))).ToList());

    private static async Task<Results<Created<LegalHold>, Ok<LegalHold>, ValidationProblem, ProblemHttpResult>> Place(
        PlaceHoldRequest request, DisposalService disposal, LegalHolds holds, HttpContext http, CancellationToken ct)
    {
        var v = new Validation().Text("recordType", request.RecordType, 100).Text("recordId", request.RecordId, 200)
            .Text("reason", request.Reason, 1000, multiline: true);
        var source = disposal.Sources.FirstOrDefault(s => s.RecordType == request.RecordType);
        v.Check(request.RecordType is null || source is not null, "recordType",
            "unknown record type; see GET /api/v1/retention/policies.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        if (await source!.FindAsync(request.RecordId!, ct) is null)
        {
            return Problems.NotFound(request.RecordType!);
        }

        var (hold, created) = await holds.PlaceAsync(request.RecordType!, request.RecordId!, request.Reason!.Trim(), Caller.From(http.User)!.Id, ct);
        return created ? TypedResults.Created($"/api/v1/retention/holds/{hold.Id}", hold) : TypedResults.Ok(hold);
    }

    private static async Task<Ok<IReadOnlyList<LegalHold>>> List(LegalHolds holds, CancellationToken ct, string? recordType, string? recordId, bool? active) =>
        TypedResults.Ok(await holds.ListAsync(recordType, recordId, active ?? false, ct));

    private static async Task<Results<Ok<LegalHold>, ProblemHttpResult>> Get(Guid id, LegalHolds holds, CancellationToken ct) =>
        await holds.GetAsync(id, ct) is { } hold ? TypedResults.Ok(hold) : Problems.NotFound("legal hold");

    private static async Task<Results<Ok<LegalHold>, ValidationProblem, ProblemHttpResult>> Lift(
        Guid id, LiftHoldRequest request, LegalHolds holds, HttpContext http, CancellationToken ct)
    {
        var v = new Validation().Text("reason", request.Reason, 1000, multiline: true);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var (hold, lifted) = await holds.LiftAsync(id, request.Reason!.Trim(), Caller.From(http.User)!.Id, ct);
        return hold switch
        {
            null => Problems.NotFound("legal hold"),
            _ when !lifted => Problems.Conflict($"The hold was already lifted at {hold.LiftedAt:O}."),
            _ => TypedResults.Ok(hold),
        };
    }

    private static async Task<Ok<DisposalRun>> Dispose(DisposalService disposal, CancellationToken ct) =>
        TypedResults.Ok(await disposal.RunOnceAsync(ct));
}
