using System.Buffers.Text;
using System.Data.Common;
using System.Globalization;
using System.Text;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>
/// Reads access_event rows for verification and checks a row against its own hashes. Two readers fill one row: SQLite's
/// raw statement API (<see cref="ReadRaw"/>: the column bytes go straight into a reused UTF-8 buffer, which is what the
/// hashes read, so no strings are made and nothing is re-encoded), and any ADO.NET reader (<see cref="Read"/>, SQL Server:
/// fixed ordinals, sequential access). Hashes are compared as spans.
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
    private readonly PayloadFields _fields = new();
    private int _maxTier;
    private byte[]? _salt;
    private byte[]? _personalHash;

    public bool Purged { get; private set; }

    public long PurgedAtTicks { get; private set; }

    public long OccurredAtTicks => _fields.OccurredAtUtcTicks;

    /// <summary>The result of <see cref="SelfCheck"/>, computed ahead of the walk (null: the row matches its hashes).</summary>
    public string? Problem { get; set; }

    /// <summary>Takes another row's seq and a copy of its row hash, for the look-ahead after a broken link.</summary>
    public void CopySeqAndRowHash(ChainRow other)
    {
        Seq = other.Seq;
        RowHash = (byte[])other.RowHash.Clone();
    }

    /// <summary>Reads the current row's seq only, then its row hash (skipping the rest), for the look-ahead.</summary>
    public void ReadSeqAndRowHash(DbDataReader r)
    {
        Seq = r.GetInt64(0);
        RowHash = r.GetFieldValue<byte[]>(RowHashOrdinal);
    }

    /// <inheritdoc cref="ReadSeqAndRowHash(DbDataReader)"/>
    public void ReadSeqAndRowHash(IntPtr stmt)
    {
        var s = new SqliteColumns.Row(stmt);
        Seq = s.Int64(0);
        RowHash = s.Blob(RowHashOrdinal, new byte[EventHash.Size]) ?? [];
    }

    /// <summary>
    /// Reads the current row; null when it reads, else the seq to report (the row's own, or the expected one when even
    /// seq is unreadable). A value that does not convert is an edit, not a server error: SqlClient throws
    /// SqlNullValueException for a null where the schema has none, and under SequentialAccess no column before the
    /// failing one may be read again, so the seq is taken from what was read first.
    /// </summary>
    public static long? TryRead<TSource>(ChainRow row, TSource source, Action<ChainRow, TSource> read, long expectedSeq)
    {
        row.Seq = expectedSeq;
        try
        {
            read(row, source);
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
        var f = _fields;
        f.Clear();
        Seq = r.GetInt64(0);
        f.EventId = sqlite ? Guid.ParseExact(r.GetString(1), "D") : r.GetGuid(1);
        f.OccurredAtUtcTicks = Ticks(r, 2);
        _recordedAt = Ticks(r, 3);
        for (var field = PayloadField.StaffId; field <= PayloadField.Outcome; field++)
        {
            var ordinal = Ordinal(field);
            f.Set(field, field == PayloadField.Categories ? ReadCategoriesAndTier(r, ordinal)
                : Required(field) ? r.GetString(ordinal) : Text(r, ordinal));
        }

        _payloadHash = r.GetFieldValue<byte[]>(21);
        PrevHash = r.GetFieldValue<byte[]>(22);
        RowHash = r.GetFieldValue<byte[]>(RowHashOrdinal);
        Purged = !r.IsDBNull(24);
        PurgedAtTicks = Purged ? Ticks(r, 24) : 0;
        _salt = r.IsDBNull(25) ? null : r.GetFieldValue<byte[]>(25);
        _personalHash = r.IsDBNull(26) ? null : r.GetFieldValue<byte[]>(26);
    }

    // Sequential access reads columns in order, and max_tier (11) sits between categories (10) and action (12).
    private string ReadCategoriesAndTier(DbDataReader r, int ordinal)
    {
        var categories = r.GetString(ordinal);
        _maxTier = sqlite ? (int)r.GetInt64(11) : r.GetByte(11);
        return categories;
    }

    /// <summary>
    /// Reads the current row of a raw SQLite statement over <see cref="Sql"/> (see <see cref="SqliteColumns"/>): the text
    /// columns' bytes go straight into the payload's reused buffer and the hashes into this row's own arrays, so a row
    /// costs no allocation. The arrays are overwritten by the next row read into this object: whoever keeps a hash
    /// past that copies it (the walk's previous hash, the look-ahead).
    /// </summary>
    public void ReadRaw(IntPtr stmt)
    {
        var s = new SqliteColumns.Row(stmt);
        var f = _fields;
        f.Clear();
        Seq = s.Int64(0);
        f.EventId = Utf8Parser.TryParse(Scratch(s, 1), out Guid id, out var used, 'D') && used == 36 && _scratchLength == 36
            ? id
            : throw new FormatException("Not a stored event id.");
        f.OccurredAtUtcTicks = InstantTicks(Scratch(s, 2));
        _recordedAt = InstantTicks(Scratch(s, 3));
        for (var field = PayloadField.StaffId; field <= PayloadField.Outcome; field++)
        {
            var ordinal = Ordinal(field);
            var n = s.Bytes(ordinal, out var data);
            if (n < 0)
            {
                f.SetNull(field);
                if (Required(field))
                {
                    throw new FormatException("A required column is null.");
                }
            }
            else
            {
                SqliteColumns.Copy(data, f.Reserve(field, n));
            }
        }

        _maxTier = s.TryInt64(11, out var maxTier) ? (int)maxTier : throw new FormatException("max_tier is not an integer.");
        // NOT NULL columns: a NULL reads as no bytes, which no hash check passes.
        _payloadHash = s.Blob(21, _payloadHashBuffer) ?? [];
        PrevHash = s.Blob(22, _prevHashBuffer) ?? [];
        RowHash = s.Blob(RowHashOrdinal, _rowHashBuffer) ?? [];
        Purged = !s.IsNull(24);
        PurgedAtTicks = Purged ? InstantTicks(Scratch(s, 24)) : 0;
        _salt = s.Blob(25, _saltBuffer);
        _personalHash = s.Blob(26, _personalHashBuffer);
    }

    // Reused per row: the hashes (usually exactly these sizes) and the event id and instant texts.
    private readonly byte[] _payloadHashBuffer = new byte[EventHash.Size];
    private readonly byte[] _prevHashBuffer = new byte[EventHash.Size];
    private readonly byte[] _rowHashBuffer = new byte[EventHash.Size];
    private readonly byte[] _saltBuffer = new byte[EventHash.SaltSize];
    private readonly byte[] _personalHashBuffer = new byte[EventHash.Size];
    private byte[] _scratch = new byte[64];
    private int _scratchLength;

    // A short text column (event id, instants) as bytes in the scratch buffer; NULL reads as no bytes (not parseable).
    private ReadOnlySpan<byte> Scratch(SqliteColumns.Row s, int column)
    {
        var n = Math.Max(0, s.Bytes(column, out var data));
        if (n > _scratch.Length)
        {
            _scratch = new byte[n];
        }

        SqliteColumns.Copy(data, new ArraySegment<byte>(_scratch, 0, n));
        _scratchLength = n;
        return _scratch.AsSpan(0, n);
    }

    // The columns the schema declares NOT NULL: a null there is an edit the row cannot be read back from.
    private static bool Required(PayloadField field) => field is PayloadField.SourceSystem or PayloadField.Categories
        or PayloadField.Action or PayloadField.Purpose or PayloadField.LegalBasis or PayloadField.Outcome;

    // The text fields' ordinals in Sql: staff_id (4) .. customer_ref (9), categories (10), then max_tier (11) is skipped.
    private static int Ordinal(PayloadField field) => field <= PayloadField.Categories ? 4 + (int)field : 5 + (int)field;

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
            var p = _fields;
            if (!p.IsNull(PayloadField.StaffId) || !p.IsNull(PayloadField.CustomerRef) || !p.IsNull(PayloadField.PurposeText)
                || !p.IsNull(PayloadField.BusinessRef) || !p.IsNull(PayloadField.ConsentRef) || !p.IsNull(PayloadField.AuthorizationRef)
                || _salt is not null)
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

            EventHash.Personal(_fields, _salt, hash);
            if (!hash.SequenceEqual(_personalHash) || !PayloadV2Matches(hash))
            {
                return $"row {Seq}'s content does not match its payload hash.";
            }
        }
        else
        {
            EventHash.Payload(_fields, hash);
            if (!hash.SequenceEqual(_payloadHash))
            {
                return $"row {Seq}'s content does not match its payload hash.";
            }
        }

        if (_maxTier != MaxTier(_fields.Utf8(PayloadField.Categories)))
        {
            return $"row {Seq}'s max_tier does not match its categories.";
        }

        EventHash.Row(Seq, _recordedAt, _payloadHash, PrevHash, hash);
        return hash.SequenceEqual(RowHash) ? null : $"row {Seq}'s row hash does not match its seq, time, payload hash and prev_hash.";
    }

    private bool PayloadV2Matches(Span<byte> scratch)
    {
        EventHash.PayloadV2(_fields, _personalHash, scratch);
        return scratch.SequenceEqual(_payloadHash);
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private long Ticks(DbDataReader r, int i) => sqlite ? InstantTicks(r.GetString(i)) : r.GetFieldValue<DateTimeOffset>(i).UtcTicks;

    // The stored SQLite form is fixed: yyyy-MM-ddTHH:mm:ss.fffffffZ. Parsed by hand (the hot path); anything else the slow way.
    internal static long InstantTicks(string s) => InstantTicks(Encoding.UTF8.GetBytes(s));

    internal static long InstantTicks(ReadOnlySpan<byte> s)
    {
        if (s.Length == 28 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == '.' && s[27] == 'Z')
        {
            return new DateTime(Digits(s, 0, 4), Digits(s, 5, 2), Digits(s, 8, 2), Digits(s, 11, 2), Digits(s, 14, 2), Digits(s, 17, 2),
                DateTimeKind.Utc).Ticks + Digits(s, 20, 7);
        }

        return DateTimeOffset.Parse(Encoding.UTF8.GetString(s), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcTicks;
    }

    private static int Digits(ReadOnlySpan<byte> s, int start, int count)
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
    private static int MaxTier(ReadOnlySpan<byte> categories)
    {
        var max = 0;
        for (var i = categories.IndexOf(":C"u8); i >= 0 && i + 2 < categories.Length;)
        {
            max = Math.Max(max, categories[i + 2] - '0');
            var next = categories[(i + 2)..].IndexOf(":C"u8);
            i = next < 0 ? -1 : i + 2 + next;
        }

        return max;
    }
}
