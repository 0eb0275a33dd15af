using System.Globalization;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>
/// <c>POST /api/v1/pi-access/verify</c>: verifies a seq range (default: all) against the chain's own hashes, the stored
/// checkpoints and any checkpoints the auditor kept elsewhere (signature-checked, then used like stored ones), and every
/// purge against the signed purge ledger. Runs in the request, streaming. Every verification is audited: who, which
/// range, the result; a <c>fromSeq</c> past the last row is a 400 (nothing checked, nothing audited).
/// </summary>
internal static class VerifyEndpoints
{
    public const int MaxExternalCheckpoints = 10_000;

    internal sealed record ExternalCheckpoint(long? Seq, string? RowHash, DateTimeOffset? CreatedAt, string? KeyId, string? Signature);

    internal sealed record VerifyRequest(long? FromSeq, long? ToSeq, IReadOnlyList<ExternalCheckpoint?>? Checkpoints);

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/verify", Verify).RequireRoles(Role.PrivacyOfficer, Role.Auditor, Role.Admin).WithName("VerifyPiAccessChain").WithSummary("Verify the access-log chain")
            .WithDescription("Recomputes the access log's hash chain against stored checkpoints and any the auditor supplies (signature-checked), and reports the first break, if any.");

    internal static async Task<Results<Ok<VerifyResult>, ValidationProblem>> Verify(
        VerifyRequest? request, ChainVerifier verifier, IAuditWriter audit,
        [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, CancellationToken ct)
    {
        request ??= new VerifyRequest(null, null, null);
        var v = new Validation();
        v.Check(request.FromSeq is null or >= 1, "fromSeq", "must be at least 1.");
        v.Check(request.ToSeq is null or >= 1, "toSeq", "must be at least 1.");
        v.Check(request.FromSeq is null || request.ToSeq is null || request.FromSeq <= request.ToSeq, "fromSeq", "must not be greater than toSeq.");
        var external = Parse(request.Checkpoints, v);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var from = request.FromSeq ?? 1;
        var result = await verifier.VerifyAsync(from, request.ToSeq, external, ct);
        // A range that starts past the last row checked nothing; "ok" would read as a clean bill. Damage found on the way
        // (a checkpoint beyond the end: Truncated) is still answered, since that is exactly what a cut tail looks like.
        if (result is { Ok: true, Checked: 0 } && request.FromSeq is not null)
        {
            v.Add("fromSeq", $"is past the last row of the log ({result.LastSeq}); nothing was checked.");
            return v.ToProblem();
        }

        await db.InTransactionAsync((c, tx) => audit.AppendAsync(db, c, tx, new AuditEntry("chain.verified", "pi-access-chain",
            string.Create(CultureInfo.InvariantCulture, $"{from}-{result.ToSeq}"),
            After: new { result, externalCheckpoints = external.Count }), ct), ct);
        return TypedResults.Ok(result);
    }

    private static List<Checkpoint> Parse(IReadOnlyList<ExternalCheckpoint?>? items, Validation v)
    {
        var parsed = new List<Checkpoint>();
        if (items is null)
        {
            return parsed;
        }

        if (items.Count > MaxExternalCheckpoints)
        {
            v.Add("checkpoints", $"at most {MaxExternalCheckpoints} checkpoints per request.");
            return parsed;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var f = $"checkpoints[{i}].";
            if (items[i] is not { } k)
            {
                v.Add($"checkpoints[{i}]", "is required.");
                continue;
            }

            var errors = v.ErrorCount;
            v.Check(k.Seq is >= 1, f + "seq", "is required and at least 1.");
            var rowHash = Hex(k.RowHash, 32);
            v.Check(rowHash is not null, f + "rowHash", "must be 64 hexadecimal characters.");
            v.Required(f + "createdAt", k.CreatedAt);
            v.Check(Hex(k.KeyId, 8) is not null, f + "keyId", "must be 16 hexadecimal characters.");
            var signature = Base64(k.Signature);
            v.Check(signature is { Length: > 0 and <= 200 }, f + "signature", "must be a base64 signature.");
            if (v.ErrorCount == errors)
            {
                parsed.Add(new Checkpoint(k.Seq!.Value, rowHash!, k.CreatedAt!.Value.ToUniversalTime(), k.KeyId!.ToLowerInvariant(), signature!));
            }
        }

        return parsed;
    }

    private static byte[]? Hex(string? text, int bytes)
    {
        if (text is null || text.Length != bytes * 2)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[]? Base64(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 400)
        {
            return null;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var n) ? buffer[..n] : null;
    }
}
