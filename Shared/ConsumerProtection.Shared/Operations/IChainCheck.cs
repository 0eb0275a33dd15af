namespace ConsumerProtection.Shared.Operations;

/// <summary>
/// A tamper-evident chain that the <c>verify</c> verb walks offline: every schema's audit log (registered by the
/// kernel) and any chain a module keeps of its own (the access log). Register one per chain as a singleton.
/// </summary>
public interface IChainCheck
{
    /// <summary>The schema whose file holds the chain.</summary>
    string Schema { get; }

    /// <summary>The chain's name as operators see it, e.g. <c>complaints.audit_log</c>.</summary>
    string Name { get; }

    /// <summary>Walks the whole chain and says whether it is intact.</summary>
    Task<ChainCheckResult> VerifyAsync(CancellationToken ct);
}

/// <summary>The result of one chain walk.</summary>
/// <param name="Ok">True when every row rehashes and links to its predecessor.</param>
/// <param name="Rows">Rows read.</param>
/// <param name="FirstBrokenSeq">The first row found broken, or null.</param>
/// <param name="Problem">What is wrong there, or null.</param>
public sealed record ChainCheckResult(bool Ok, long Rows, long? FirstBrokenSeq, string? Problem);
