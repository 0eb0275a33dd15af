namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>What kind of damage verification found (README: "Tamper evidence").</summary>
internal enum ChainDamage
{
    /// <summary>A row's payload or row hash does not match its content (or a purged row still holds personal fields).</summary>
    Edited,

    /// <summary>A seq gap, or a row whose prev_hash links to no row (a row deleted and the rest renumbered).</summary>
    Missing,

    /// <summary>A row's prev_hash is the row hash of another, non-adjacent row nearby: rows were moved.</summary>
    Reordered,

    /// <summary>The chain ends before a checkpoint's seq: its tail was cut off.</summary>
    Truncated,

    /// <summary>The row at a checkpoint's seq has another row hash than the checkpoint signed: the chain was rewritten.</summary>
    CheckpointMismatch,

    /// <summary>A checkpoint's signature does not verify under a trusted key.</summary>
    CheckpointInvalid,

    /// <summary>
    /// A purged row whose purge is not proven: no purge-ledger entry names it, or it was purged in the future, before its
    /// retention period ended, or at another time than its entry says.
    /// </summary>
    PurgeUnverified,

    /// <summary>
    /// The purge ledger itself is damaged: an entry missing, out of order, edited or forged (no valid signature), a seq
    /// named twice, or an entry naming a row that is not purged or does not exist.
    /// </summary>
    PurgeLedgerBroken,
}

/// <summary>The answer of a verification.</summary>
internal sealed record VerifyResult(
    bool Ok, long FromSeq, long ToSeq, long Checked, long LastSeq, long? FirstBrokenSeq, ChainDamage? Kind, string? Detail,
    int CheckpointsChecked, int PurgeLedgerEntriesChecked);
