using System.Buffers;
using System.Buffers.Binary;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Domain;

/// <summary>The stored text of one event's payload: exactly what is hashed, so a verifier can recompute it from the row.</summary>
internal readonly record struct StoredPayload(
    Guid EventId, long OccurredAtUtcTicks, string? StaffId, string? StaffRole, string? StaffBranch, string? StaffDepartment,
    string SourceSystem, string? CustomerRef, string Categories, string Action, string Purpose, string? PurposeText,
    string LegalBasis, string? BusinessRef, string? ConsentRef, string? AuthorizationRef, string? Channel, string Outcome)
    : IPayloadSource
{
    public static StoredPayload From(AccessEvent e) => new(
        e.EventId, e.OccurredAt.UtcTicks, e.StaffId, e.StaffRole, e.StaffBranch, e.StaffDepartment, e.SourceSystem, e.CustomerRef,
        e.CategoriesText, e.Action.ToString(), e.Purpose.ToString(), e.PurposeText, e.LegalBasis.ToString(), e.BusinessRef,
        e.ConsentRef, e.AuthorizationRef, e.Channel, e.Outcome.ToString());

    public int TextBytesUpperBound =>
        Max(StaffId) + Max(StaffRole) + Max(StaffBranch) + Max(StaffDepartment) + Max(SourceSystem) + Max(CustomerRef) + Max(Categories)
        + Max(Action) + Max(Purpose) + Max(PurposeText) + Max(LegalBasis) + Max(BusinessRef) + Max(ConsentRef) + Max(AuthorizationRef)
        + Max(Channel) + Max(Outcome);

    public bool IsNull(PayloadField field) => Text(field) is null;

    public void WriteText(ref EventHash.Writer writer, PayloadField field) => writer.Text(Text(field));

    private string? Text(PayloadField field) => field switch
    {
        PayloadField.StaffId => StaffId,
        PayloadField.StaffRole => StaffRole,
        PayloadField.StaffBranch => StaffBranch,
        PayloadField.StaffDepartment => StaffDepartment,
        PayloadField.SourceSystem => SourceSystem,
        PayloadField.CustomerRef => CustomerRef,
        PayloadField.Categories => Categories,
        PayloadField.Action => Action,
        PayloadField.Purpose => Purpose,
        PayloadField.PurposeText => PurposeText,
        PayloadField.LegalBasis => LegalBasis,
        PayloadField.BusinessRef => BusinessRef,
        PayloadField.ConsentRef => ConsentRef,
        PayloadField.AuthorizationRef => AuthorizationRef,
        PayloadField.Channel => Channel,
        PayloadField.Outcome => Outcome,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    private static int Max(string? s) => s is null ? 0 : System.Text.Encoding.UTF8.GetMaxByteCount(s.Length);
}

/// <summary>
/// The access log's hashes (SHA-256), every text length-prefixed (-1 for null) after a version tag, so no two inputs
/// encode alike. Payload v2 (every row written since migration 0005): <c>personal_hash</c> = H(personal tag, a random
/// 16-byte salt, the six personal fields) and <c>payload_hash</c> = H(v2 tag, the non-personal fields, personal_hash),
/// so a retention purge can drop the personal fields and the salt while the rest stays verifiable; the salt keeps the
/// kept personal_hash from being brute-forced back into a customer reference (PIPL art. 47: deletion must be real).
/// Payload v1 (rows before the cut-over) hashed every field directly. The row hash binds the payload to its chain
/// position: H(tag, seq, recorded_at, payload_hash, prev_hash). The first row's previous hash is 32 zero bytes.
/// </summary>
internal static partial class EventHash
{
    public const int Size = 32;

    private static readonly byte[] PayloadTag = "pia-payload-v1"u8.ToArray();
    private static readonly byte[] RowTag = "pia-row-v1"u8.ToArray();
    private static readonly byte[] PayloadV2Tag = "pia-payload-v2"u8.ToArray();
    private static readonly byte[] PersonalTag = "pia-personal-v1"u8.ToArray();

    /// <summary>The length of the per-row salt of the personal hash.</summary>
    public const int SaltSize = 16;

    /// <summary>The previous hash of the first row.</summary>
    public static readonly byte[] Genesis = new byte[Size];

    /// <summary>Payload v1: every field in one hash (rows stored before the cut-over).</summary>
    public static byte[] Payload(in StoredPayload p)
    {
        var hash = new byte[Size];
        Payload(p, hash);
        return hash;
    }

    public static void Payload<TSource>(in TSource p, Span<byte> destination)
        where TSource : IPayloadSource
    {
        var rented = ArrayPool<byte>.Shared.Rent(MaxBytes(p));
        try
        {
            var w = new Writer(rented);
            w.Raw(PayloadTag);
            w.Guid(p.EventId);
            w.Int64(p.OccurredAtUtcTicks);
            for (var f = PayloadField.StaffId; f <= PayloadField.Outcome; f++)
            {
                p.WriteText(ref w, f);
            }

            Sha256(rented.AsSpan(0, w.Length), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static byte[] Row(long seq, long recordedAtUtcTicks, ReadOnlySpan<byte> payloadHash, ReadOnlySpan<byte> prevHash)
    {
        var hash = new byte[Size];
        Row(seq, recordedAtUtcTicks, payloadHash, prevHash, hash);
        return hash;
    }

    public static void Row(long seq, long recordedAtUtcTicks, ReadOnlySpan<byte> payloadHash, ReadOnlySpan<byte> prevHash, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[RowTag.Length + 16 + 2 * Size];
        RowTag.CopyTo(buffer);
        var at = RowTag.Length;
        BinaryPrimitives.WriteInt64BigEndian(buffer[at..], seq);
        BinaryPrimitives.WriteInt64BigEndian(buffer[(at + 8)..], recordedAtUtcTicks);
        payloadHash.CopyTo(buffer[(at + 16)..]);
        prevHash.CopyTo(buffer[(at + 16 + Size)..]);
        Sha256(buffer, destination);
    }
}
