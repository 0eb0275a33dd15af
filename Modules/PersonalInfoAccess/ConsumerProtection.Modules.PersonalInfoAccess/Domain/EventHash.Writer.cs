using System.Buffers.Binary;
using System.Text;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Domain;

internal static partial class EventHash
{
    private static int MaxBytes(in StoredPayload p) =>
        PersonalTag.Length + SaltSize + Size + 16 + 8 + 16 * 4
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
