using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Domain;

/// <summary>The stored text of one event's payload: exactly what is hashed, so a verifier can recompute it from the row.</summary>
internal readonly record struct StoredPayload(
    Guid EventId, long OccurredAtUtcTicks, string? StaffId, string? StaffRole, string? StaffBranch, string? StaffDepartment,
    string SourceSystem, string? CustomerRef, string Categories, string Action, string Purpose, string? PurposeText,
    string LegalBasis, string? BusinessRef, string? ConsentRef, string? AuthorizationRef, string? Channel, string Outcome)
{
    public static StoredPayload From(AccessEvent e) => new(
        e.EventId, e.OccurredAt.UtcTicks, e.StaffId, e.StaffRole, e.StaffBranch, e.StaffDepartment, e.SourceSystem, e.CustomerRef,
        e.CategoriesText, e.Action.ToString(), e.Purpose.ToString(), e.PurposeText, e.LegalBasis.ToString(), e.BusinessRef,
        e.ConsentRef, e.AuthorizationRef, e.Channel, e.Outcome.ToString());
}

/// <summary>
/// The access log's hashes (SHA-256). The payload hash covers every field of the event, each length-prefixed (-1 for
/// null) after a version tag, so no two payloads encode alike. The row hash binds the payload to its chain position:
/// H(tag, seq, recorded_at, payload_hash, prev_hash). The first row's previous hash is 32 zero bytes.
/// </summary>
internal static class EventHash
{
    public const int Size = 32;

    private static readonly byte[] PayloadTag = "pia-payload-v1"u8.ToArray();
    private static readonly byte[] RowTag = "pia-row-v1"u8.ToArray();

    /// <summary>The previous hash of the first row.</summary>
    public static readonly byte[] Genesis = new byte[Size];

    public static byte[] Payload(in StoredPayload p)
    {
        var hash = new byte[Size];
        Payload(p, hash);
        return hash;
    }

    public static void Payload(in StoredPayload p, Span<byte> destination)
    {
        var rented = ArrayPool<byte>.Shared.Rent(MaxBytes(p));
        try
        {
            var w = new Writer(rented);
            w.Raw(PayloadTag);
            w.Guid(p.EventId);
            w.Int64(p.OccurredAtUtcTicks);
            w.Text(p.StaffId);
            w.Text(p.StaffRole);
            w.Text(p.StaffBranch);
            w.Text(p.StaffDepartment);
            w.Text(p.SourceSystem);
            w.Text(p.CustomerRef);
            w.Text(p.Categories);
            w.Text(p.Action);
            w.Text(p.Purpose);
            w.Text(p.PurposeText);
            w.Text(p.LegalBasis);
            w.Text(p.BusinessRef);
            w.Text(p.ConsentRef);
            w.Text(p.AuthorizationRef);
            w.Text(p.Channel);
            w.Text(p.Outcome);
            SHA256.HashData(rented.AsSpan(0, w.Length), destination);
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
        SHA256.HashData(buffer, destination);
    }

    private static int MaxBytes(in StoredPayload p) =>
        PayloadTag.Length + 16 + 8 + 16 * 4
        + Max(p.StaffId) + Max(p.StaffRole) + Max(p.StaffBranch) + Max(p.StaffDepartment) + Max(p.SourceSystem) + Max(p.CustomerRef)
        + Max(p.Categories) + Max(p.Action) + Max(p.Purpose) + Max(p.PurposeText) + Max(p.LegalBasis) + Max(p.BusinessRef)
        + Max(p.ConsentRef) + Max(p.AuthorizationRef) + Max(p.Channel) + Max(p.Outcome);

    private static int Max(string? s) => s is null ? 0 : Encoding.UTF8.GetMaxByteCount(s.Length);

    private ref struct Writer(byte[] buffer)
    {
        private readonly byte[] _buffer = buffer;

        public int Length { get; private set; }

        public void Raw(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_buffer.AsSpan(Length));
            Length += bytes.Length;
        }

        public void Guid(Guid value)
        {
            value.TryWriteBytes(_buffer.AsSpan(Length), bigEndian: true, out var written);
            Length += written;
        }

        public void Int64(long value)
        {
            BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(Length), value);
            Length += 8;
        }

        public void Text(string? value)
        {
            if (value is null)
            {
                BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(Length), -1);
                Length += 4;
                return;
            }

            var n = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(Length + 4));
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(Length), n);
            Length += 4 + n;
        }
    }
}
