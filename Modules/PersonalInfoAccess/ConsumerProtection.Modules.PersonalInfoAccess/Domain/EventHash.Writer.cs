using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Domain;

internal static partial class EventHash
{
    // One SHA-256 instance per thread, reset by each use: OpenSSL's one-shot call sets up a context per hash, which costs
    // about a quarter of hashing a row's few hundred bytes. Every use is synchronous, so a thread never shares one mid-hash.
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    private static void Sha256(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var sha = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(data);
        sha.GetHashAndReset(destination);
    }

    // Tags, salt, a hash, a GUID, an instant and 16 length prefixes, then the texts.
    private static int MaxBytes<TSource>(in TSource p)
        where TSource : IPayloadSource =>
        PersonalTag.Length + SaltSize + Size + 16 + 8 + 16 * 4 + p.TextBytesUpperBound;

    /// <summary>Builds the bytes one hash reads: every text length-prefixed, -1 for null.</summary>
    internal ref struct Writer(byte[] buffer)
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

        public void Null()
        {
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(Length), -1);
            Length += 4;
        }

        public void Utf8(ReadOnlySpan<byte> value)
        {
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(Length), value.Length);
            value.CopyTo(_buffer.AsSpan(Length + 4));
            Length += 4 + value.Length;
        }

        public void Text(string? value)
        {
            if (value is null)
            {
                Null();
                return;
            }

            var n = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(Length + 4));
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(Length), n);
            Length += 4 + n;
        }
    }
}
