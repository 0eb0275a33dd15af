using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>
/// <c>GET /checkpoints</c> (newest first), <c>POST /checkpoints</c> (take one now), <c>GET /checkpoints/public-key</c>:
/// everything an auditor needs to keep checkpoints elsewhere and re-verify their signatures without database access.
/// </summary>
internal static class CheckpointEndpoints
{
    internal sealed record CheckpointView(long Seq, string RowHash, DateTimeOffset CreatedAt, string KeyId, string Signature)
    {
        public static CheckpointView Of(Checkpoint c) =>
            new(c.Seq, Convert.ToHexStringLower(c.RowHash), c.CreatedAt, c.KeyId, Convert.ToBase64String(c.Signature));
    }

    internal sealed record PublicKeyView(string KeyId, string Algorithm, string PublicKeyPem, string SignatureFormat, string SignedContent);

    internal sealed class Row
    {
        public long Seq { get; init; }
        public byte[] RowHash { get; init; } = [];
        public DateTimeOffset CreatedAt { get; init; }
        public string KeyId { get; init; } = "";
        public byte[] Signature { get; init; } = [];

        public CheckpointView View() => CheckpointView.Of(new Checkpoint(Seq, RowHash, CreatedAt.ToUniversalTime(), KeyId, Signature));
    }

    internal const string ListSql = "SELECT seq, row_hash, created_at, key_id, signature FROM [piaccess].[checkpoint] ORDER BY seq DESC";

    internal const string CountSql = "SELECT COUNT(*) FROM [piaccess].[checkpoint]";

    internal const string LatestSql = """
        SELECT seq, row_hash, created_at, key_id, signature FROM [piaccess].[checkpoint]
        WHERE seq = (SELECT MAX(seq) FROM [piaccess].[checkpoint])
        """;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/checkpoints", List).RequireRoles(Role.PrivacyOfficer, Role.Auditor, Role.Admin).WithName("ListPiAccessCheckpoints").WithSummary("List signed checkpoints");
        group.MapPost("/checkpoints", Take).RequireRoles(Role.Auditor, Role.Admin).WithName("TakePiAccessCheckpoint").WithSummary("Take a signed checkpoint")
            .WithDescription("Signs the access log's current chain head so later tampering can be detected against it.");
        group.MapGet("/checkpoints/public-key", PublicKey)
            .RequireRoles(Role.PrivacyOfficer, Role.Auditor, Role.Admin).WithName("GetPiAccessCheckpointPublicKey").WithSummary("Get the checkpoint signing key");
    }

    internal static async Task<Results<Ok<Page<CheckpointView>>, ValidationProblem>> List(
        int? page, int? pageSize, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, CancellationToken ct)
    {
        var v = new Validation();
        var paging = Paging.From(page, pageSize, v);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var (rows, total) = await db.ReadAsync(async c =>
        {
            var items = await c.QueryAsync<Row>(new CommandDefinition(ListSql + " " + db.Dialect.Page,
                new { paging.Offset, Limit = paging.PageSize }, cancellationToken: ct));
            return (items.Select(r => r.View()).ToList(), await c.ExecuteScalarAsync<long>(new CommandDefinition(CountSql, cancellationToken: ct)));
        }, ct);
        return TypedResults.Ok(paging.Of<CheckpointView>(rows, total));
    }

    // 201 with a new checkpoint; 200 with the latest when no event came after it; 409 on an empty log.
    internal static async Task<Results<Created<CheckpointView>, Ok<CheckpointView>, ProblemHttpResult>> Take(
        HttpContext http, Checkpointer checkpointer, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, CancellationToken ct)
    {
        if (await checkpointer.TakeAsync("on-request", 1, Caller.From(http.User)!, ct) is { } taken)
        {
            return TypedResults.Created((string?)null, CheckpointView.Of(taken));
        }

        var latest = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(LatestSql, cancellationToken: ct)), ct);
        return latest is null
            ? Problems.Conflict("The access log is empty: there is nothing to checkpoint yet.")
            : TypedResults.Ok(latest.View());
    }

    internal static Ok<PublicKeyView> PublicKey(CheckpointKey key) =>
        TypedResults.Ok(new PublicKeyView(key.KeyId, CheckpointKey.Algorithm, key.PublicKeyPem, CheckpointKey.SignatureFormat, CheckpointContent.Description));
}
