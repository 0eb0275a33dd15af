using System.Text;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Domain;

/// <summary>The text fields of a payload, in the order <see cref="StoredPayload"/> declares them (and the hashes read them).</summary>
internal enum PayloadField
{
    StaffId, StaffRole, StaffBranch, StaffDepartment, SourceSystem, CustomerRef, Categories, Action, Purpose, PurposeText,
    LegalBasis, BusinessRef, ConsentRef, AuthorizationRef, Channel, Outcome,
}

/// <summary>What <see cref="EventHash"/> hashes: an event id, an instant and the text fields, each as UTF-8 or null.</summary>
internal interface IPayloadSource
{
    Guid EventId { get; }

    long OccurredAtUtcTicks { get; }

    /// <summary>An upper bound of the UTF-8 bytes of every text field together.</summary>
    int TextBytesUpperBound { get; }

    bool IsNull(PayloadField field);

    /// <summary>Writes one field, length-prefixed (-1 for null).</summary>
    void WriteText(ref EventHash.Writer writer, PayloadField field);
}

/// <summary>
/// A reusable payload held as the UTF-8 bytes the hashes read: the verifier fills it straight from SQLite's column bytes
/// (no strings, no re-encoding), or from strings where a driver hands out only strings. One instance per walk.
/// </summary>
internal sealed class PayloadFields : IPayloadSource
{
    private const int Count = (int)PayloadField.Outcome + 1;
    private readonly int[] _start = new int[Count];
    private readonly int[] _length = new int[Count];
    private byte[] _buffer = new byte[1024];
    private int _used;

    public Guid EventId { get; set; }

    public long OccurredAtUtcTicks { get; set; }

    public int TextBytesUpperBound => _used;

    /// <summary>Starts a new row: every field becomes unset until set again.</summary>
    public void Clear() => _used = 0;

    public void Set(PayloadField field, ReadOnlySpan<byte> utf8)
    {
        Reserve(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_used));
        _start[(int)field] = _used;
        _length[(int)field] = utf8.Length;
        _used += utf8.Length;
    }

    /// <summary>Makes <paramref name="length"/> bytes the field's value and answers where to write them.</summary>
    public ArraySegment<byte> Reserve(PayloadField field, int length)
    {
        Reserve(length);
        _start[(int)field] = _used;
        _length[(int)field] = length;
        _used += length;
        return new ArraySegment<byte>(_buffer, _start[(int)field], length);
    }

    public void Set(PayloadField field, string? value)
    {
        if (value is null)
        {
            SetNull(field);
            return;
        }

        Reserve(Encoding.UTF8.GetMaxByteCount(value.Length));
        var n = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_used));
        _start[(int)field] = _used;
        _length[(int)field] = n;
        _used += n;
    }

    public void SetNull(PayloadField field) => _length[(int)field] = -1;

    public bool IsNull(PayloadField field) => _length[(int)field] < 0;

    public ReadOnlySpan<byte> Utf8(PayloadField field) =>
        IsNull(field) ? default : _buffer.AsSpan(_start[(int)field], _length[(int)field]);

    public void WriteText(ref EventHash.Writer writer, PayloadField field)
    {
        if (IsNull(field))
        {
            writer.Null();
        }
        else
        {
            writer.Utf8(Utf8(field));
        }
    }

    private void Reserve(int bytes)
    {
        if (_used + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + bytes));
        }
    }
}
