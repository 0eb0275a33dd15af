using System.Text.Json;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Complaints.Regulator;

/// <summary>
/// <c>GET /api/v1/complaints/regulator/status</c>: what operators need when the gateway misbehaves — where the
/// pull stands, what is still undelivered, and which transfers were refused (someone must ask the regulator).
/// </summary>
internal static class RegulatorStatusEndpoints
{
    public sealed record OutboxView(int Unsent, DateTimeOffset? OldestUnsentAt, int MaxAttempts, string? LastError);

    public sealed record RejectionView(string CaseId, DateTimeOffset RejectedAt, Dictionary<string, string[]> Errors);

    public sealed record View(bool Enabled, string? Cursor, DateTimeOffset? CursorUpdatedAt, OutboxView Outbox, IReadOnlyList<RejectionView> RecentRejections);

    public const string SelectCursor = "SELECT last_cursor, updated_at FROM [complaints].[regulator_cursor] WHERE feed = @Feed";

    public const string SelectUnsent = """
        SELECT COUNT(*) AS unsent, MIN(created_at) AS oldest_unsent_at, MAX(attempts) AS max_attempts
        FROM [complaints].[regulator_outbox] WHERE sent_at IS NULL
        """;

    public const string SelectLastError = """
        SELECT last_error FROM [complaints].[regulator_outbox] WHERE sent_at IS NULL AND last_error IS NOT NULL ORDER BY created_at DESC
        """;

    public const string SelectRejections = """
        SELECT case_id, rejected_at, errors FROM [complaints].[regulator_transfer_rejection] ORDER BY rejected_at DESC
        """;

    private const int RecentRejections = 50;

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/regulator/status", Handle).RequireRoles(Role.ComplaintSupervisor, Role.Admin).WithName("GetRegulatorStatus").WithSummary("Get regulator submission status");

    private static async Task<Ok<View>> Handle(ComplaintStore store, IOptions<RegulatorOptions> options, CancellationToken ct)
    {
        var page = " " + store.Db.Dialect.Page;
        var view = await store.Db.ReadAsync(async c =>
        {
            var cursor = await c.QuerySingleOrDefaultAsync<CursorRow>(new CommandDefinition(SelectCursor, new { RegulatorPullJob.Feed }, cancellationToken: ct));
            var unsent = await c.QuerySingleAsync<UnsentRow>(new CommandDefinition(SelectUnsent, cancellationToken: ct));
            var lastError = await c.QueryFirstOrDefaultAsync<string?>(
                new CommandDefinition(SelectLastError + page, new { Offset = 0, Limit = 1 }, cancellationToken: ct));
            var rejections = await c.QueryAsync<RejectionRow>(
                new CommandDefinition(SelectRejections + page, new { Offset = 0, Limit = RecentRejections }, cancellationToken: ct));
            return new View(
                options.Value.Enabled, cursor?.LastCursor, cursor?.UpdatedAt,
                new OutboxView((int)unsent.Unsent, unsent.OldestUnsentAt, (int)(unsent.MaxAttempts ?? 0), lastError),
                [.. rejections.Select(r => new RejectionView(r.CaseId, r.RejectedAt,
                    JsonSerializer.Deserialize<Dictionary<string, string[]>>(r.Errors, RegulatorJson.Options) ?? []))]);
        }, ct);
        return TypedResults.Ok(view);
    }

    // Classes with setters, not tuples: Dapper then applies the instant type handlers (SQLite stores text).
    private sealed class CursorRow
    {
        public string? LastCursor { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
    }

    private sealed class UnsentRow
    {
        public long Unsent { get; set; }
        public DateTimeOffset? OldestUnsentAt { get; set; }
        public long? MaxAttempts { get; set; }
    }

    private sealed class RejectionRow
    {
        public string CaseId { get; set; } = "";
        public DateTimeOffset RejectedAt { get; set; }
        public string Errors { get; set; } = "";
    }
}
