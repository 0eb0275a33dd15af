using System.Globalization;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Modules.PersonalInfoAccess.Infrastructure.Retention;
using ConsumerProtection.Modules.PersonalInfoAccess.Purge;
using ConsumerProtection.Shared.Retention;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>
/// The verifier's side of the purge ledger. <see cref="Load"/> checks every entry (numbering, chain link, hash, signature
/// under a trusted checkpoint key, canonical seq list, no seq named twice); then, row by row in seq order, <see cref="Row"/>
/// decides whether a row's purged state is backed by an entry and legitimate: not in the future, not before the retention
/// period the entry signed (at least three years from occurred_at; plan 6 art. 34), at the entry's time.
/// </summary>
internal sealed class PurgeCheck
{
    private readonly List<PurgeEntry> _entries;
    private readonly List<(long From, long To, int Entry)> _ranges;
    private readonly long _latestAllowedTicks;
    private readonly int _configuredYears;
    private int _next;

    private PurgeCheck(List<PurgeEntry> entries, List<(long From, long To, int Entry)> ranges, long latestAllowedTicks, int configuredYears)
    {
        _entries = entries;
        _ranges = ranges;
        _latestAllowedTicks = latestAllowedTicks;
        _configuredYears = configuredYears;
        FirstV2Seq = entries is [{ Kind: PurgeKind.CutOver, FirstV2Seq: { } first }, ..] ? first : 1;
    }

    /// <summary>Rows from here on are payload v2: the cut-over entry's seq, else 1 (a database created with v2).</summary>
    public long FirstV2Seq { get; }

    public int EntriesChecked => _entries.Count;

    /// <summary>A checked ledger, or the first broken entry (its number, first named seq and what is wrong).</summary>
    public static (PurgeCheck? Check, long? Seq, string? Problem) Load(
        List<PurgeEntry> entries, CheckpointKey key, DateTimeOffset now, TimeSpan skew, RetentionOptions retention)
    {
        var ranges = new List<(long From, long To, int Entry)>();
        var prev = EventHash.Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            List<(long From, long To)> seqs;
            try
            {
                seqs = SeqRanges.Parse(e.EventSeqs);
            }
            catch (FormatException)
            {
                return (null, null, $"purge-ledger entry {e.EntryNo} holds a malformed seq list.");
            }

            var first = seqs.Count > 0 ? seqs[0].From : (long?)null;
            var content = e.Content();
            var problem =
                e.EntryNo != i + 1 ? $"purge-ledger entry {i + 1} is missing (the next entry is {e.EntryNo})."
                : !e.PrevHash.AsSpan().SequenceEqual(prev) ? $"purge-ledger entry {e.EntryNo} does not link to entry {e.EntryNo - 1}: an entry was removed or replaced."
                : !PurgeEntry.HashOf(content).AsSpan().SequenceEqual(e.EntryHash) ? $"purge-ledger entry {e.EntryNo} does not match its entry hash: it was edited."
                : !key.Knows(e.KeyId) || !key.Verify(e.KeyId, content, e.Signature) ? $"purge-ledger entry {e.EntryNo} has no valid signature by a trusted key: it was forged or edited."
                : !ValidKind(e) ? $"purge-ledger entry {e.EntryNo} is not a valid {e.Kind} entry."
                : null;
            if (problem is not null)
            {
                return (null, first, problem);
            }

            ranges.AddRange(seqs.Select(r => (r.From, r.To, i)));
            prev = e.EntryHash;
        }

        ranges.Sort((a, b) => a.From.CompareTo(b.From));
        for (var i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].From <= ranges[i - 1].To)
            {
                return (null, ranges[i].From, $"row {ranges[i].From} is named by purge-ledger entries {entries[ranges[i - 1].Entry].EntryNo} and {entries[ranges[i].Entry].EntryNo}.");
            }
        }

        return (new PurgeCheck(entries, ranges, (now + skew).UtcTicks, retention.YearsFor(EventRetentionSource.Type)), null, null);
    }

    private static bool ValidKind(PurgeEntry e) =>
        e.RecordType == EventRetentionSource.Type && e.RetentionYears >= RetentionOptions.MinimumYears
        && (e.Kind == PurgeKind.Purge ? e.FirstV2Seq is null && e.EventSeqs.Length > 0
            : e.Kind == PurgeKind.CutOver && e.EntryNo == 1 && e.FirstV2Seq is >= 1);

    /// <summary>Null when the row's purged state is backed by the ledger; otherwise the damage kind and what is wrong. Rows come in seq order.</summary>
    public (ChainDamage Kind, string Detail)? Row(long seq, bool purged, long purgedAtTicks, long occurredAtTicks)
    {
        while (_next < _ranges.Count && _ranges[_next].To < seq)
        {
            _next++;
        }

        var entry = _next < _ranges.Count && _ranges[_next].From <= seq ? _entries[_ranges[_next].Entry] : null;
        if (!purged)
        {
            return entry is null ? null
                : (ChainDamage.PurgeLedgerBroken, $"purge-ledger entry {entry.EntryNo} names row {seq} as purged, but the row is not purged.");
        }

        if (purgedAtTicks > _latestAllowedTicks)
        {
            return (ChainDamage.PurgeUnverified, $"row {seq} is marked purged at {At(purgedAtTicks)}, which is in the future.");
        }

        var years = Math.Max(RetentionOptions.MinimumYears, entry?.RetentionYears ?? _configuredYears);
        var retainedUntil = new DateTimeOffset(occurredAtTicks, TimeSpan.Zero).AddYears(years);
        if (purgedAtTicks < retainedUntil.UtcTicks)
        {
            return (ChainDamage.PurgeUnverified,
                $"row {seq} was purged at {At(purgedAtTicks)}, before its retention of {years} years ended ({retainedUntil.UtcDateTime:O}).");
        }

        return entry switch
        {
            null => (ChainDamage.PurgeUnverified, $"row {seq} is marked purged, but no purge-ledger entry names it."),
            { Kind: PurgeKind.Purge } when entry.PurgedAt.UtcTicks != purgedAtTicks =>
                (ChainDamage.PurgeUnverified, $"row {seq} is marked purged at {At(purgedAtTicks)}, but purge-ledger entry {entry.EntryNo} purged it at {entry.PurgedAt.UtcDateTime:O}."),
            { Kind: PurgeKind.CutOver } when purgedAtTicks > entry.PurgedAt.UtcTicks =>
                (ChainDamage.PurgeUnverified, $"row {seq} is marked purged at {At(purgedAtTicks)}, after the cut-over that names it ({entry.PurgedAt.UtcDateTime:O})."),
            _ => null,
        };
    }

    /// <summary>The first seq an entry names beyond the last row of the chain within the range, if any.</summary>
    public (long Seq, string Detail)? Beyond(long lastSeq, long upper)
    {
        foreach (var (from, to, index) in _ranges)
        {
            if (to > lastSeq && Math.Max(from, lastSeq + 1) <= upper)
            {
                var seq = Math.Max(from, lastSeq + 1);
                return (seq, $"purge-ledger entry {_entries[index].EntryNo} names row {seq}, beyond the last row {lastSeq}.");
            }
        }

        return null;
    }

    private static string At(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);
}
