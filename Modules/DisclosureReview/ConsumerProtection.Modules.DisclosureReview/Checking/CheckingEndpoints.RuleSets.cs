using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Idempotency;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.DisclosureReview.Checking;

internal static partial class CheckingEndpoints
{
    /// <summary>A rule-set edit: the whole new rule set, the version it was based on (stale: 409) and why.</summary>
    internal sealed record PublishRuleSetRequest(int? BasedOnVersion, string? Note, RuleSetContent? Content);

    internal sealed record RuleSetView(int Version, string ContentHash, RuleSetContent Content);

    private static void MapRuleSets(RouteGroupBuilder group)
    {
        group.MapGet("/rule-sets", ListAsync).RequireRoles(CheckingRoles.RuleReaders)
            .WithName("ListDisclosureRuleSets").WithSummary("List rule-set versions").WithDescription("Lists the stored rule-set versions, newest first.");
        group.MapGet("/rule-sets/current", CurrentAsync).RequireRoles(CheckingRoles.RuleReaders)
            .WithName("GetCurrentDisclosureRuleSet").WithSummary("Get the current rule set").WithDescription("The rule set checks use now, with its rules.");
        group.MapGet("/rule-sets/{version:int}", VersionAsync).RequireRoles(CheckingRoles.RuleReaders)
            .WithName("GetDisclosureRuleSet").WithSummary("Get a rule-set version").WithDescription("One stored rule-set version, with its rules.");
        // basedOnVersion already stops a lost update; Idempotency-Key lets a retry get its 201 back instead of a 409.
        group.MapPost("/rule-sets", PublishAsync).RequireRoles(CheckingRoles.RuleEditors).WithIdempotency()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(4 * 1024 * 1024))
            .WithName("PublishDisclosureRuleSet").WithSummary("Publish a new rule-set version").WithDescription("Stores an edited rule set as the next version (audited).");
    }

    private static async Task<Ok<IReadOnlyList<RuleSetStore.VersionInfo>>> ListAsync(RuleSetStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    private static async Task<Ok<RuleSetView>> CurrentAsync(RuleSetStore store, CancellationToken ct)
    {
        var set = await store.CurrentAsync(ct);
        var stored = await store.VersionAsync(set.Version, ct);
        return TypedResults.Ok(new RuleSetView(set.Version, Hash(stored!.Value.Json), set.Content));
    }

    private static async Task<Results<Ok<RuleSetView>, ProblemHttpResult>> VersionAsync(int version, RuleSetStore store, CancellationToken ct)
    {
        var stored = await store.VersionAsync(version, ct);
        return stored is { } s ? TypedResults.Ok(new RuleSetView(version, Hash(s.Json), s.Set.Content)) : Problems.NotFound("rule-set version");
    }

    private static async Task<Results<Created<RuleSetStore.VersionInfo>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        PublishRuleSetRequest body, RuleSetStore store, CancellationToken ct)
    {
        var v = new Validation();
        v.Check(body.BasedOnVersion is > 0, "basedOnVersion", "is required: the version you edited.");
        v.Text("note", body.Note, 500);
        if (body.Content is null)
        {
            v.Add("content", "is required.");
        }
        else
        {
            RuleSetValidator.Validate(body.Content, v);
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var info = await store.PublishAsync(body.Content!, body.BasedOnVersion!.Value, body.Note, ct);
        return info is null
            ? Problems.Conflict("The rule set has a newer version than the one you edited; read the current one and edit that.")
            : TypedResults.Created($"/api/v1/disclosure/rule-sets/{info.Version}", info);
    }

    private static string Hash(string json) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
}
