namespace ConsumerProtection.Shared.Retention;

/// <summary>When a record's retention clock started; null while the record is still active (open, unrevoked...).</summary>
public sealed record RetentionState(string RecordId, DateTimeOffset? RetentionStartsAt);

/// <summary>
/// A module's records of one type under retention. The kernel decides whether a record may go (period over,
/// no legal hold); the module disposes of it — deleting or anonymising — and audits that in its own schema.
/// </summary>
public interface IRetentionRecordSource
{
    /// <summary>The record type, e.g. "complaint"; the key of <c>Retention:RecordTypes</c>.</summary>
    string RecordType { get; }

    /// <summary>The record's retention state, or null when no such record exists.</summary>
    Task<RetentionState?> FindAsync(string recordId, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> records whose retention started before <paramref name="startedBefore"/> and which are not yet disposed.</summary>
    Task<IReadOnlyList<string>> FindExpiredAsync(DateTimeOffset startedBefore, int limit, CancellationToken ct);

    /// <summary>Disposes of one expired record (delete or anonymise) and audits it in the module's schema.</summary>
    Task DisposeAsync(string recordId, CancellationToken ct);
}

/// <summary>The outcome of one batch of <see cref="IBatchRetentionRecordSource.DisposeExpiredBatchAsync"/>.</summary>
/// <param name="Disposed">Records disposed of (and audited) in this batch.</param>
/// <param name="Held">Expired records left alone because of a legal hold.</param>
/// <param name="More">True when the batch was full, so more expired records may be waiting.</param>
public sealed record BatchDisposal(int Disposed, int Held, bool More);

/// <summary>
/// A record type with millions of small records (log rows): the disposal run asks it to dispose of expired records a
/// batch at a time, in one transaction per batch, instead of one lookup, hold check and transaction per record. The
/// source checks legal holds itself (it may hold records through more than one record type) and audits each batch.
/// </summary>
public interface IBatchRetentionRecordSource : IRetentionRecordSource
{
    /// <summary>Disposes of up to <paramref name="limit"/> records whose retention started before <paramref name="startedBefore"/>, skipping held ones.</summary>
    Task<BatchDisposal> DisposeExpiredBatchAsync(DateTimeOffset startedBefore, int limit, CancellationToken ct);
}
