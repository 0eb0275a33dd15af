using System.Data.Common;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

internal sealed partial class ChainVerifier
{
    /// <summary>Where the walk stands: the range, what was checked, the last row seen.</summary>
    internal sealed class Walk(long fromSeq, long? toSeq)
    {
        public long FromSeq => fromSeq;
        public long Checked;
        public long LastSeq;
        public int CheckpointsChecked;
        public int LedgerEntriesChecked;

        public VerifyResult Broken(long? seq, ChainDamage kind, string detail) =>
            new(false, fromSeq, toSeq ?? LastSeq, Checked, LastSeq, seq, kind, detail, CheckpointsChecked, LedgerEntriesChecked);

        public VerifyResult Intact() =>
            new(true, fromSeq, toSeq ?? LastSeq, Checked, LastSeq, null, null, null, CheckpointsChecked, LedgerEntriesChecked);
    }

    /// <summary>Rows read ahead per batch: one batch's hashes are checked on a worker while the next batch is read.</summary>
    internal const int BatchSize = 512;

    // The row before fromSeq is read only for its row hash (the first row's link). Row hashes of the last Window rows
    // stay in a ring, to tell a moved row (Reordered) from a deleted one (Missing) when a link breaks.
    internal static Task<VerifyResult?> WalkAsync(
        DbDataReader reader, Walk walk, List<Checkpoint> checkpoints, PurgeCheck purges, bool sqlite, CancellationToken ct) =>
        WalkAsync(new ReaderChainCursor(reader), sqlite, walk, checkpoints, purges, ct);

    /// <summary>
    /// Rows come in batches. A row's own hashes (the costly part: three SHA-256 per row) depend on that row alone, so
    /// they are checked for a whole batch on a worker thread while this thread reads the next batch; the walk itself —
    /// sequence, links, purge state, checkpoints, in seq order, first break wins — stays on this thread and reads each
    /// row's self-check result in order, so the findings are exactly those of a row-by-row walk.
    /// </summary>
    internal static async Task<VerifyResult?> WalkAsync(
        IChainCursor reader, bool sqlite, Walk walk, List<Checkpoint> checkpoints, PurgeCheck purges, CancellationToken ct)
    {
        var ring = new byte[Window * EventHash.Size];
        var ringSeq = new long[Window];
        var fromSeq = walk.FromSeq;
        var expectedSeq = Math.Max(1, fromSeq - 1);
        // The previous row's hash, copied: batches are refilled in place (ChainRow.ReadRaw), so no row array is kept.
        var prev = new byte[EventHash.Size];
        var prevLength = EventHash.Size;
        var next = 0;
        var batch = new RowBatch(sqlite);
        var ahead = new RowBatch(sqlite);
        await batch.FillAsync(reader, expectedSeq, ct);
        while (batch.Count > 0 || batch.Unreadable is not null)
        {
            var current = batch;
            var hashing = Task.Run(() => current.SelfCheck(fromSeq, purges.FirstV2Seq), ct);
            ahead.Clear();
            if (!batch.Ended)
            {
                await ahead.FillAsync(reader, batch.Count > 0 ? batch.Rows[batch.Count - 1].Seq + 1 : expectedSeq, ct);
            }

            await hashing;
            for (var i = 0; i < batch.Count; i++)
            {
                var row = batch.Rows[i];
                var seq = row.Seq;
                if (seq != expectedSeq)
                {
                    return walk.Broken(expectedSeq, ChainDamage.Missing, seq == expectedSeq + 1
                        ? $"row {expectedSeq} is missing (the next row is {seq})."
                        : $"rows {expectedSeq} to {seq - 1} are missing.");
                }

                walk.LastSeq = seq;
                if (seq >= fromSeq)
                {
                    if (!row.PrevHash.AsSpan().SequenceEqual(prev.AsSpan(0, prevLength)))
                    {
                        return await BrokenLinkAsync(new LookAhead(batch, i + 1, ahead, reader), walk, row, ring, ringSeq, ct);
                    }

                    if (row.Problem is { } edited)
                    {
                        return walk.Broken(seq, ChainDamage.Edited, edited);
                    }

                    if (purges.Row(seq, row.Purged, row.PurgedAtTicks, row.OccurredAtTicks) is { } purge)
                    {
                        return walk.Broken(seq, purge.Kind, purge.Detail);
                    }

                    for (; next < checkpoints.Count && checkpoints[next].Seq <= seq; next++)
                    {
                        if (!checkpoints[next].RowHash.AsSpan().SequenceEqual(row.RowHash))
                        {
                            return walk.Broken(seq, ChainDamage.CheckpointMismatch,
                                $"row {seq}'s hash differs from the one its checkpoint signed (taken {checkpoints[next].CreatedAt:O}): the chain was rewritten at or before seq {seq}.");
                        }

                        walk.CheckpointsChecked++;
                    }

                    walk.Checked++;
                }

                var slot = (int)(seq % Window);
                var ringSlot = ring.AsSpan(slot * EventHash.Size, EventHash.Size);
                if (row.RowHash.Length == EventHash.Size)
                {
                    row.RowHash.CopyTo(ringSlot);
                }
                else
                {
                    ringSlot.Clear(); // a damaged row hash (wrong length) is no row's link
                }

                ringSeq[slot] = seq;
                if (row.RowHash.Length > prev.Length)
                {
                    prev = new byte[row.RowHash.Length];
                }

                row.RowHash.CopyTo(prev, 0);
                prevLength = row.RowHash.Length;
                expectedSeq = seq + 1;
            }

            if (batch.Unreadable is { } unreadable)
            {
                return walk.Broken(unreadable, ChainDamage.Edited, $"row {unreadable} holds values that cannot be read back as stored.");
            }

            (batch, ahead) = (ahead, batch);
        }

        return null;
    }

    /// <summary>Up to <see cref="BatchSize"/> rows read in order; ends early at the end of the rows or at an unreadable row.</summary>
    internal sealed class RowBatch(bool sqlite)
    {
        public readonly ChainRow[] Rows = Enumerable.Range(0, BatchSize).Select(_ => new ChainRow(sqlite)).ToArray();
        public int Count;

        /// <summary>The seq to report for a row that could not be read (it ends the batch and the walk).</summary>
        public long? Unreadable;

        /// <summary>No rows follow this batch (the reader is done, or a row could not be read).</summary>
        public bool Ended;

        public void Clear()
        {
            Count = 0;
            Unreadable = null;
            Ended = true;
        }

        public async Task FillAsync(IChainCursor reader, long expectedSeq, CancellationToken ct)
        {
            Clear();
            Ended = false;
            while (Count < BatchSize)
            {
                if (!await reader.ReadAsync(ct))
                {
                    Ended = true;
                    return;
                }

                if (reader.TryRead(Rows[Count], expectedSeq) is { } unreadable)
                {
                    Unreadable = unreadable;
                    Ended = true;
                    return;
                }

                expectedSeq = Rows[Count].Seq + 1;
                Count++;
            }
        }

        public void SelfCheck(long fromSeq, long firstV2Seq)
        {
            for (var i = 0; i < Count; i++)
            {
                var row = Rows[i];
                row.Problem = row.Seq >= fromSeq ? row.SelfCheck(firstV2Seq) : null;
            }
        }
    }

    /// <summary>The rows after a broken link: the rest of this batch, the batch read ahead, then the reader.</summary>
    private sealed class LookAhead(RowBatch batch, int index, RowBatch ahead, IChainCursor reader)
    {
        private int _index = index;
        private int _aheadIndex;

        public async ValueTask<bool> NextAsync(ChainRow later, CancellationToken ct)
        {
            if (_index < batch.Count)
            {
                later.CopySeqAndRowHash(batch.Rows[_index++]);
                return true;
            }

            if (_aheadIndex < ahead.Count)
            {
                later.CopySeqAndRowHash(ahead.Rows[_aheadIndex++]);
                return true;
            }

            if (batch.Ended || ahead.Ended || !await reader.ReadAsync(ct))
            {
                return false;
            }

            reader.ReadSeqAndRowHash(later);
            return true;
        }
    }

    private static async Task<VerifyResult> BrokenLinkAsync(LookAhead reader, Walk walk, ChainRow row, byte[] ring, long[] ringSeq, CancellationToken ct)
    {
        var seq = row.Seq;
        var target = row.PrevHash;
        for (var i = 0; i < Window; i++)
        {
            if (ringSeq[i] != 0 && ringSeq[i] < seq - 1 && ring.AsSpan(i * EventHash.Size, EventHash.Size).SequenceEqual(target))
            {
                return walk.Broken(seq, ChainDamage.Reordered, $"row {seq} links to row {ringSeq[i]}, not to row {seq - 1}: rows were moved.");
            }
        }

        var later = new ChainRow(false);
        for (var ahead = 0; ahead < Window && await reader.NextAsync(later, ct); ahead++)
        {
            if (later.RowHash.AsSpan().SequenceEqual(target))
            {
                return walk.Broken(seq, ChainDamage.Reordered, $"row {seq} links to row {later.Seq}, which comes after it: rows were moved.");
            }
        }

        return walk.Broken(seq, ChainDamage.Missing,
            $"row {seq}'s prev_hash links to no row within {Window} rows of it: a row before it was deleted (and the rest renumbered), or row {seq - 1} was replaced.");
    }
}
