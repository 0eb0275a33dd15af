using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Purge;

/// <summary>
/// One purge-ledger entry as stored (README: "Tamper evidence"). Kind <see cref="PurgeKind"/> is what was purged; the
/// entry is chained to the one before (<see cref="PrevHash"/>) and signed with the checkpoint key over <see cref="Content"/>.
/// </summary>
internal sealed class PurgeEntry
{
    public const string Version = "pia-purge-ledger-v1";

    public long EntryNo { get; init; }
    public string Kind { get; init; } = "";
    public DateTimeOffset PurgedAt { get; init; }
    public string RecordType { get; init; } = "";
    public int RetentionYears { get; init; }
    public long? FirstV2Seq { get; init; }
    public string EventSeqs { get; init; } = "";
    public byte[] PrevHash { get; init; } = [];
    public byte[] EntryHash { get; init; } = [];
    public string KeyId { get; init; } = "";
    public byte[] Signature { get; init; } = [];

    /// <summary>
    /// The signed bytes: ASCII lines, each ending in \n, so an auditor can rebuild them with any tool (like a checkpoint's).
    /// entry_hash = SHA-256 of these bytes; the next entry's prev_hash is this entry's entry_hash.
    /// </summary>
    public byte[] Content() => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"{Version}\nentry={EntryNo}\nkind={Kind}\npurgedAt={DapperTypeHandlers.ToSqliteText(PurgedAt)}\nrecordType={RecordType}\n"
        + $"retentionYears={RetentionYears}\nfirstV2Seq={FirstV2Seq}\nseqs={EventSeqs}\nprevHash={Convert.ToHexStringLower(PrevHash)}\nkeyId={KeyId}\n"));

    public static byte[] HashOf(byte[] content) => SHA256.HashData(content);
}

/// <summary>Ledger entry kinds.</summary>
internal static class PurgeKind
{
    /// <summary>A retention purge of the listed seqs at <see cref="PurgeEntry.PurgedAt"/>.</summary>
    public const string Purge = "purge";

    /// <summary>
    /// Entry 1 of a database upgraded from payload v1: rows from <see cref="PurgeEntry.FirstV2Seq"/> on are v2, and the
    /// listed seqs were already purged (at or before <see cref="PurgeEntry.PurgedAt"/>) when the ledger began.
    /// </summary>
    public const string CutOver = "cutover";
}
