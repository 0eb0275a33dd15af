using ConsumerProtection.Shared.Operations;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>The access-event chain for the <c>verify</c> verb: the whole chain against every stored signed checkpoint.</summary>
internal sealed class AccessLogChainCheck(ChainVerifier verifier) : IChainCheck
{
    public string Schema => PersonalInfoAccessModule.SchemaName;

    public string Name => ChainVerifier.ChainName;

    public async Task<ChainCheckResult> VerifyAsync(CancellationToken ct)
    {
        var r = await verifier.VerifyAsync(1, null, [], ct);
        return new ChainCheckResult(r.Ok, r.Checked, r.FirstBrokenSeq, r.Ok ? null : $"{r.Kind}: {r.Detail}");
    }
}
