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

    // The row before fromSeq is read only for its row hash (the first row's link). Row hashes of the last Window rows
    // stay in a ring, to tell a moved row (Reordered) from a deleted one (Missing) when a link breaks.
    internal static Task<VerifyResult?> WalkAsync(
        DbDataReader reader, Walk walk, List<Checkpoint> checkpoints, PurgeCheck purges, bool sqlite, CancellationToken ct) =>
        WalkAsync(new ReaderChainCursor(reader), new ChainRow(sqlite), walk, checkpoints, purges, ct);

    internal static async Task<VerifyResult?> WalkAsync(
        IChainCursor reader, ChainRow row, Walk walk, List<Checkpoint> checkpoints, PurgeCheck purges, CancellationToken ct)
    {
        var ring = new byte[Window * EventHash.Size];
        var ringSeq = new long[Window];
        var fromSeq = walk.FromSeq;
        var expectedSeq = Math.Max(1, fromSeq - 1);
        byte[] prev = EventHash.Genesis;
        var next = 0;
        while (await reader.ReadAsync(ct))
        {
            if (reader.TryRead(row, expectedSeq) is { } unreadable)
            {
                return walk.Broken(unreadable, ChainDamage.Edited, $"row {unreadable} holds values that cannot be read back as stored.");
            }

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
                if (!row.PrevHash.AsSpan().SequenceEqual(prev))
                {
                    return await BrokenLinkAsync(reader, walk, row, ring, ringSeq, ct);
                }

                if (row.SelfCheck(purges.FirstV2Seq) is { } edited)
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
            row.RowHash.CopyTo(ring, slot * EventHash.Size);
            ringSeq[slot] = seq;
            prev = row.RowHash;
            expectedSeq = seq + 1;
        }

        return null;
    }

    private static async Task<VerifyResult> BrokenLinkAsync(IChainCursor reader, Walk walk, ChainRow row, byte[] ring, long[] ringSeq, CancellationToken ct)
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
        for (var ahead = 0; ahead < Window && await reader.ReadAsync(ct); ahead++)
        {
            reader.ReadSeqAndRowHash(later);
            if (later.RowHash.AsSpan().SequenceEqual(target))
            {
                return walk.Broken(seq, ChainDamage.Reordered, $"row {seq} links to row {later.Seq}, which comes after it: rows were moved.");
            }
        }

        return walk.Broken(seq, ChainDamage.Missing,
            $"row {seq}'s prev_hash links to no row within {Window} rows of it: a row before it was deleted (and the rest renumbered), or row {seq - 1} was replaced.");
    }
}
