using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Operations;

namespace ConsumerProtection.Shared.Audit;

/// <summary>One schema's audit chain as seen by the <c>verify</c> verb.</summary>
internal sealed class AuditChainCheck(IModuleDb db) : IChainCheck
{
    public string Schema => db.Schema;

    public string Name => db.Schema + ".audit_log";

    public async Task<ChainCheckResult> VerifyAsync(CancellationToken ct)
    {
        var result = await AuditVerifier.VerifyAsync(db, ct);
        return new ChainCheckResult(result.Ok, result.Checked, result.FirstBrokenSeq, result.Problem);
    }
}
