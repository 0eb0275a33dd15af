namespace ConsumerProtection.Shared.Protection;

/// <summary>
/// One module's re-encryption of its stored personal data under the active key (the <c>rekey</c> verb): values
/// under an older key, and plaintext left from before encryption, in committed batches, so a stopped run resumes
/// where it stopped and a second run finds nothing to do.
/// </summary>
public interface IPersonalDataRekeyer
{
    /// <summary>The module's name, shown in progress lines.</summary>
    string Name { get; }

    /// <summary>How many records still hold personal data that is plaintext or under a key other than the active one.</summary>
    Task<long> CountPendingAsync(CancellationToken ct);

    /// <summary>Re-encrypts every pending record in batches of <paramref name="batchSize"/>, reporting after each batch.</summary>
    Task<RekeyProgress> RekeyAsync(int batchSize, Action<RekeyProgress>? progress, CancellationToken ct);
}

/// <summary>A rekey run's progress: records rewritten, records that could not be decrypted (left as they are), of the pending total.</summary>
/// <param name="Name">The module.</param>
/// <param name="Total">Records pending when the run started.</param>
/// <param name="Rekeyed">Records rewritten under the active key so far.</param>
/// <param name="Failed">Records skipped because a value did not decrypt (unknown key or tampered).</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record RekeyProgress(string Name, long Total, long Rekeyed, long Failed, TimeSpan Elapsed);
