using System.Data.Common;
using System.Globalization;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>
/// Reads access_event rows for verification: raw reader, fixed ordinals, columns read once and in order (sequential
/// access), and checks a row against its own hashes. Hashes are compared as spans; the only per-row allocations are the
/// column values the reader hands out.
/// </summary>
internal sealed class ChainRow(bool sqlite)
{
    public const string Sql = """
        SELECT seq, event_id, occurred_at, recorded_at, staff_id, staff_role, staff_branch, staff_department, source_system,
               customer_ref, categories, max_tier, action, purpose, purpose_text, legal_basis, business_ref, consent_ref,
               authorization_ref, channel, outcome, payload_hash, prev_hash, row_hash, purged_at, personal_salt, personal_hash
        FROM [piaccess].[access_event] WHERE seq >= @From AND seq <= @To ORDER BY seq
        """;

    private const int RowHashOrdinal = 23;

    public long Seq;
    public byte[] PrevHash = [];
    public byte[] RowHash = [];
    private byte[] _payloadHash = [];
    private long _recordedAt;
    private StoredPayload _payload;
    private int _maxTier;
    private byte[]? _salt;
    private byte[]? _personalHash;

    public bool Purged { get; private set; }

    public long PurgedAtTicks { get; private set; }

    public long OccurredAtTicks => _payload.OccurredAtUtcTicks;

    /// <summary>Reads the current row's seq only, then its row hash (skipping the rest), for the look-ahead.</summary>
    public void ReadSeqAndRowHash(DbDataReader r)
    {
        Seq = r.GetInt64(0);
        RowHash = r.GetFieldValue<byte[]>(RowHashOrdinal);
    }

    /// <summary>
    /// Reads the current row; null when it reads, else the seq to report (the row's own, or the expected one when even
    /// seq is unreadable). A value that does not convert is an edit, not a server error: SqlClient throws
    /// SqlNullValueException for a null where the schema has none, and under SequentialAccess no column before the
    /// failing one may be read again, so the seq is taken from what was read first.
    /// </summary>
    public static long? TryRead(ChainRow row, DbDataReader r, long expectedSeq)
    {
        row.Seq = expectedSeq;
        try
        {
            row.Read(r);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or ArgumentOutOfRangeException or OverflowException
                                       or System.Data.SqlTypes.SqlNullValueException)
        {
            return row.Seq;
        }
    }

    public void Read(DbDataReader r)
    {
        Seq = r.GetInt64(0);
        var eventId = sqlite ? Guid.ParseExact(r.GetString(1), "D") : r.GetGuid(1);
        var occurredAt = Ticks(r, 2);
        _recordedAt = Ticks(r, 3);
        var staffId = Text(r, 4);
        var staffRole = Text(r, 5);
        var staffBranch = Text(r, 6);
        var staffDepartment = Text(r, 7);
        var sourceSystem = r.GetString(8);
        var customerRef = Text(r, 9);
        var categories = r.GetString(10);
        _maxTier = sqlite ? (int)r.GetInt64(11) : r.GetByte(11);
        var action = r.GetString(12);
        var purpose = r.GetString(13);
        var purposeText = Text(r, 14);
        var legalBasis = r.GetString(15);
        var businessRef = Text(r, 16);
        var consentRef = Text(r, 17);
        var authorizationRef = Text(r, 18);
        var channel = Text(r, 19);
        var outcome = r.GetString(20);
        _payloadHash = r.GetFieldValue<byte[]>(21);
        PrevHash = r.GetFieldValue<byte[]>(22);
        RowHash = r.GetFieldValue<byte[]>(RowHashOrdinal);
        Purged = !r.IsDBNull(24);
        PurgedAtTicks = Purged ? Ticks(r, 24) : 0;
        _salt = r.IsDBNull(25) ? null : r.GetFieldValue<byte[]>(25);
        _personalHash = r.IsDBNull(26) ? null : r.GetFieldValue<byte[]>(26);
        _payload = new StoredPayload(eventId, occurredAt, staffId, staffRole, staffBranch, staffDepartment, sourceSystem, customerRef,
            categories, action, purpose, purposeText, legalBasis, businessRef, consentRef, authorizationRef, channel, outcome);
    }

    /// <summary>
    /// Null when the row matches its own hashes; otherwise what is wrong (no personal data). Rows from
    /// <paramref name="firstV2Seq"/> on must be payload v2 and rows before it v1 (the cut-over the purge ledger signs),
    /// so a row cannot be passed off as the other version, whose purged form proves less.
    /// </summary>
    public string? SelfCheck(long firstV2Seq)
    {
        var v2 = _personalHash is not null;
        if (v2 != Seq >= firstV2Seq)
        {
            return $"row {Seq} is stored as payload v{(v2 ? 2 : 1)}, but the signed cut-over puts it at v{(v2 ? 1 : 2)}.";
        }

        if (_payloadHash.Length != EventHash.Size || PrevHash.Length != EventHash.Size || (v2 && _personalHash!.Length != EventHash.Size))
        {
            return $"row {Seq} holds a hash of the wrong length.";
        }

        Span<byte> hash = stackalloc byte[EventHash.Size];
        if (Purged)
        {
            var p = _payload;
            if (p.StaffId is not null || p.CustomerRef is not null || p.PurposeText is not null || p.BusinessRef is not null
                || p.ConsentRef is not null || p.AuthorizationRef is not null || _salt is not null)
            {
                return $"row {Seq} is marked purged but still holds personal fields.";
            }

            // v2: the kept fields recompute with the kept personal hash. v1 kept only the whole-payload hash, so a purged
            // v1 row's kept fields rest on its ledger entry alone (README: "Tamper evidence", cut-over).
            if (v2 && !PayloadV2Matches(hash))
            {
                return $"row {Seq}'s kept fields do not match its payload hash.";
            }
        }
        else if (v2)
        {
            if (_salt is not { Length: EventHash.SaltSize })
            {
                return $"row {Seq} has lost the salt of its personal hash without being purged.";
            }

            EventHash.Personal(_payload, _salt, hash);
            if (!hash.SequenceEqual(_personalHash) || !PayloadV2Matches(hash))
            {
                return $"row {Seq}'s content does not match its payload hash.";
            }
        }
        else
        {
            EventHash.Payload(_payload, hash);
            if (!hash.SequenceEqual(_payloadHash))
            {
                return $"row {Seq}'s content does not match its payload hash.";
            }
        }

        if (_maxTier != MaxTier(_payload.Categories))
        {
            return $"row {Seq}'s max_tier does not match its categories.";
        }

        EventHash.Row(Seq, _recordedAt, _payloadHash, PrevHash, hash);
        return hash.SequenceEqual(RowHash) ? null : $"row {Seq}'s row hash does not match its seq, time, payload hash and prev_hash.";
    }

    private bool PayloadV2Matches(Span<byte> scratch)
    {
        EventHash.PayloadV2(_payload, _personalHash, scratch);
        return scratch.SequenceEqual(_payloadHash);
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private long Ticks(DbDataReader r, int i) => sqlite ? InstantTicks(r.GetString(i)) : r.GetFieldValue<DateTimeOffset>(i).UtcTicks;

    // The stored SQLite form is fixed: yyyy-MM-ddTHH:mm:ss.fffffffZ. Parsed by hand (the hot path); anything else the slow way.
    internal static long InstantTicks(string s)
    {
        if (s.Length == 28 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == '.' && s[27] == 'Z')
        {
            return new DateTime(Digits(s, 0, 4), Digits(s, 5, 2), Digits(s, 8, 2), Digits(s, 11, 2), Digits(s, 14, 2), Digits(s, 17, 2),
                DateTimeKind.Utc).Ticks + Digits(s, 20, 7);
        }

        return DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcTicks;
    }

    private static int Digits(string s, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9)
            {
                throw new FormatException("Not a stored instant.");
            }

            value = value * 10 + d;
        }

        return value;
    }

    // Tiers are stored as "name:C1".."name:C3" with lower-case names, so ":C" only ever starts a tier.
    private static int MaxTier(string categories)
    {
        var max = 0;
        for (var i = categories.IndexOf(":C", StringComparison.Ordinal); i >= 0 && i + 2 < categories.Length;
             i = categories.IndexOf(":C", i + 2, StringComparison.Ordinal))
        {
            max = Math.Max(max, categories[i + 2] - '0');
        }

        return max;
    }
}
