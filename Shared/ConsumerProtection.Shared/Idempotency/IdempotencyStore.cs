using ConsumerProtection.Shared.Data;
using System.Text;
using ConsumerProtection.Shared.Kernel;
using ConsumerProtection.Shared.Protection;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Shared.Idempotency;

internal sealed record IdempotencyRecord
{
    public string CallerId { get; init; } = "";
    public string IdemKey { get; init; } = "";
    public string RequestHash { get; init; } = "";
    public string State { get; init; } = "";
    public int? ResponseStatus { get; init; }
    public string? ContentType { get; init; }
    public string? Location { get; init; }
    public string? ETag { get; init; }
    public byte[]? ResponseBody { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// Idempotency records in the kernel schema: a claim is written before the work runs, the response after. The stored
/// response is sealed like other personal data at rest: a created resource's answer can carry it (a complaint's
/// vulnerability note), and the replay copy must not keep in plaintext what the resource's own table encrypts.
/// </summary>
internal sealed class IdempotencyStore([FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, PersonalDataProtector protector)
{
    private const string Columns = """
        caller_id AS CallerId, idem_key AS IdemKey, request_hash AS RequestHash, state AS State,
        response_status AS ResponseStatus, content_type AS ContentType, location AS Location, etag AS ETag,
        response_body AS ResponseBody, created_at AS CreatedAt
        """;

    private const string InsertClaim = """
        INSERT INTO [kernel].[idempotency_record] (caller_id, idem_key, request_hash, state, created_at)
        VALUES (@CallerId, @Key, @Hash, 'pending', @Now)
        """;

    private const string Select = $"""
        SELECT {Columns} FROM [kernel].[idempotency_record] WHERE caller_id = @CallerId AND idem_key = @Key
        """;

    private const string Complete = """
        UPDATE [kernel].[idempotency_record]
        SET state = 'done', response_status = @Status, content_type = @ContentType, location = @Location,
            etag = @ETag, response_body = @Body
        WHERE caller_id = @CallerId AND idem_key = @Key
        """;

    private const string Release = """
        DELETE FROM [kernel].[idempotency_record] WHERE caller_id = @CallerId AND idem_key = @Key AND state = 'pending'
        """;

    private const string Prune = """
        DELETE FROM [kernel].[idempotency_record] WHERE created_at < @Before
        """;

    /// <summary>Claims the key; returns null when claimed, or the record that already holds it.</summary>
    public async Task<IdempotencyRecord?> ClaimAsync(string callerId, string key, string hash, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await db.InTransactionAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
                InsertClaim, new { CallerId = callerId, Key = key, Hash = hash, Now = now }, tx, cancellationToken: ct)), ct);
            return null;
        }
        catch (Exception ex) when (DbErrors.IsUniqueViolation(ex))
        {
            var record = await db.ReadAsync(c => c.QuerySingleAsync<IdempotencyRecord>(
                new CommandDefinition(Select, new { CallerId = callerId, Key = key }, cancellationToken: ct)), ct);
            return record with { ResponseBody = Open(record.ResponseBody, callerId, key) };
        }
    }

    public Task CompleteAsync(string callerId, string key, int status, string? contentType, string? location, string? etag, byte[] body, CancellationToken ct) =>
        db.InTransactionAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(Complete, new
        {
            CallerId = callerId, Key = key, Status = status, ContentType = contentType, Location = location, ETag = etag,
            Body = Encoding.UTF8.GetBytes(protector.Protect(Convert.ToBase64String(body), Binding(callerId, key))),
        }, tx, cancellationToken: ct)), ct);

    private static FieldBinding Binding(string callerId, string key) => new("kernel.idempotency_record", "response_body", callerId + "\n" + key);

    // A body stored before sealing was introduced is returned as it is (records live Idempotency:RetentionHours).
    private byte[]? Open(byte[]? stored, string callerId, string key)
    {
        var prefix = Encoding.ASCII.GetBytes(PersonalDataProtector.Prefix);
        return stored is null || !stored.AsSpan().StartsWith(prefix)
            ? stored
            : Convert.FromBase64String(protector.Unprotect(Encoding.UTF8.GetString(stored), Binding(callerId, key)));
    }

    public Task ReleaseAsync(string callerId, string key, CancellationToken ct) =>
        db.InTransactionAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
            Release, new { CallerId = callerId, Key = key }, tx, cancellationToken: ct)), ct);

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct) =>
        db.InTransactionAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(Prune, new { Before = before }, tx, cancellationToken: ct)), ct);
}
