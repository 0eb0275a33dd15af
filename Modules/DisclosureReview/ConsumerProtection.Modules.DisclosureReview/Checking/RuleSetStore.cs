using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>
/// Stored rule-set versions. The first read of an empty schema stores the shipped default as version 1; an edit stores
/// the next version. Both are audited in the same transaction; audit rows carry the version, count and hash, not rules.
/// </summary>
internal sealed class RuleSetStore(
    [FromKeyedServices(DisclosureReviewModule.SchemaName)] IModuleDb db, IAuditWriter audit, IAuditActor actor, RuleSetCompiler compiler, TimeProvider time)
{
    internal const string Columns = "version AS Version, created_at AS CreatedAt, created_by AS CreatedBy, note AS Note, rule_count AS RuleCount, content_hash AS ContentHash";

    internal const string LatestSql = "SELECT version AS Version, content AS Content, content_hash AS ContentHash FROM [disclosure].[rule_set] WHERE version = (SELECT MAX(version) FROM [disclosure].[rule_set])";

    internal const string ByVersionSql = "SELECT version AS Version, content AS Content, content_hash AS ContentHash FROM [disclosure].[rule_set] WHERE version = @Version";

    internal const string ListSql = "SELECT " + Columns + " FROM [disclosure].[rule_set] ORDER BY version DESC";

    internal const string MaxSql = "SELECT MAX(version) FROM [disclosure].[rule_set]";

    internal const string InsertSql = """
        INSERT INTO [disclosure].[rule_set] (version, created_at, created_by, note, rule_count, content, content_hash)
        VALUES (@Version, @CreatedAt, @CreatedBy, @Note, @RuleCount, @Content, @ContentHash)
        """;

    internal sealed class StoredRow
    {
        public int Version { get; set; }

        public string Content { get; set; } = "";

        public string ContentHash { get; set; } = "";
    }

    /// <summary>A stored version without its rules.</summary>
    internal sealed record VersionInfo
    {
        public int Version { get; set; }

        public DateTimeOffset CreatedAt { get; set; }

        public string CreatedBy { get; set; } = "";

        public string? Note { get; set; }

        public int RuleCount { get; set; }

        public string ContentHash { get; set; } = "";
    }

    public async Task<CompiledRuleSet> CurrentAsync(CancellationToken ct)
    {
        var row = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<StoredRow>(new CommandDefinition(LatestSql, cancellationToken: ct)), ct)
            ?? await SeedAsync(ct);
        return compiler.Compile(row.Version, row.ContentHash, row.Content);
    }

    public async Task<(CompiledRuleSet Set, string Json)?> VersionAsync(int version, CancellationToken ct)
    {
        if (version == 1)
        {
            await CurrentAsync(ct); // version 1 exists once anything has been read
        }

        var row = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<StoredRow>(new CommandDefinition(ByVersionSql, new { Version = version }, cancellationToken: ct)), ct);
        return row is null ? null : (compiler.Compile(row.Version, row.ContentHash, row.Content), row.Content);
    }

    public async Task<IReadOnlyList<VersionInfo>> ListAsync(CancellationToken ct)
    {
        await CurrentAsync(ct);
        return (await db.ReadAsync(c => c.QueryAsync<VersionInfo>(new CommandDefinition(ListSql, cancellationToken: ct)), ct)).AsList();
    }

    /// <summary>Stores <paramref name="content"/> as the version after <paramref name="basedOn"/>; null when another edit came first.</summary>
    public async Task<VersionInfo?> PublishAsync(RuleSetContent content, int basedOn, string? note, CancellationToken ct)
    {
        await CurrentAsync(ct);
        var json = JsonSerializer.Serialize(content, JsonDefaults.Options);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var max = await c.ExecuteScalarAsync<int?>(new CommandDefinition(MaxSql, transaction: tx, cancellationToken: ct)) ?? 0;
            return max != basedOn ? null : await InsertAsync(c, tx, max + 1, json, content.Rules.Count, note, now, "rule-set.published", ct);
        }, ct);
    }

    private async Task<StoredRow> SeedAsync(CancellationToken ct)
    {
        var json = RuleSetCompiler.DefaultJson();
        var count = RuleSetCompiler.Parse(json).Rules.Count;
        var now = time.GetUtcNow();
        await db.InTransactionAsync(async (c, tx) =>
        {
            var max = await c.ExecuteScalarAsync<int?>(new CommandDefinition(MaxSql, transaction: tx, cancellationToken: ct));
            return max is null ? await InsertAsync(c, tx, 1, json, count, "shipped default rule set", now, "rule-set.seeded", ct) : null;
        }, ct);
        return await db.ReadAsync(c => c.QuerySingleAsync<StoredRow>(new CommandDefinition(LatestSql, cancellationToken: ct)), ct);
    }

    private async Task<VersionInfo> InsertAsync(
        DbConnection c, DbTransaction tx, int version, string json, int count, string? note, DateTimeOffset now, string action, CancellationToken ct)
    {
        var caller = action == "rule-set.seeded" ? Caller.System("rule-set-seed") : actor.Current;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var info = new VersionInfo { Version = version, CreatedAt = now, CreatedBy = caller.Id, Note = note, RuleCount = count, ContentHash = hash };
        await audit.AppendAsync(db, c, tx, new AuditEntry(action, "rule-set", version.ToString(CultureInfo.InvariantCulture), After: info), caller, ct);
        await c.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            info.Version, info.CreatedAt, info.CreatedBy, info.Note, info.RuleCount, Content = json, info.ContentHash,
        }, tx, cancellationToken: ct));
        return info;
    }
}
