using System.Buffers.Binary;
using System.Buffers.Text;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Queries;

/// <summary>
/// The keyset position after the last item of a page: its (occurred_at, seq). Opaque to clients: a version byte and
/// the two numbers, base64url. The next page is everything strictly older in (occurred_at, seq) order, so pages never
/// overlap or skip, whatever is appended meanwhile (new events are newer than any page already read, unless they
/// arrive late with an older occurred-at — those show up on a fresh query, not in the middle of a walk).
/// </summary>
internal readonly record struct EventCursor(DateTimeOffset OccurredAt, long Seq)
{
    private const byte Version = 1;
    private const int Size = 1 + 8 + 8;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Size];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], OccurredAt.UtcTicks);
        BinaryPrimitives.WriteInt64BigEndian(bytes[9..], Seq);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? text, out EventCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[48];
        if (Base64Url.DecodeFromChars(text, bytes, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != Size || bytes[0] != Version)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        var seq = BinaryPrimitives.ReadInt64BigEndian(bytes[9..]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks || seq < 1)
        {
            return false;
        }

        cursor = new EventCursor(new DateTimeOffset(ticks, TimeSpan.Zero), seq);
        return true;
    }
}
