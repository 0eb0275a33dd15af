using System.Collections;
using System.Data;
using System.Data.Common;
using System.Data.SqlTypes;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Chain;

/// <summary>
/// A reader that behaves like SqlDataReader under CommandBehavior.SequentialAccess where the verifier depends on it: a
/// column before the last one read cannot be read again (InvalidOperationException), and a typed getter on a null
/// throws SqlNullValueException. No SQL Server runs here; this is how the SQL Server reading path is tested.
/// </summary>
internal sealed class SequentialReader(DataTable table) : DbDataReader
{
    private readonly DataTableReader _inner = table.CreateDataReader();
    private int _last = -1;

    private T Get<T>(int i, Func<int, T> read)
    {
        if (i < _last)
        {
            throw new InvalidOperationException($"Invalid attempt to read from column ordinal '{i}'. With CommandBehavior.SequentialAccess, you may only read from column ordinal '{_last}' or greater.");
        }

        _last = i;
        return _inner.IsDBNull(i) ? throw new SqlNullValueException() : read(i);
    }

    public override bool Read()
    {
        _last = -1;
        return _inner.Read();
    }

    public override Task<bool> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    public override bool IsDBNull(int ordinal)
    {
        if (ordinal < _last)
        {
            throw new InvalidOperationException("Sequential access: column already passed.");
        }

        _last = ordinal;
        return _inner.IsDBNull(ordinal);
    }

    public override long GetInt64(int ordinal) => Get(ordinal, _inner.GetInt64);
    public override string GetString(int ordinal) => Get(ordinal, _inner.GetString);
    public override Guid GetGuid(int ordinal) => Get(ordinal, _inner.GetGuid);
    public override byte GetByte(int ordinal) => Get(ordinal, _inner.GetByte);
    public override T GetFieldValue<T>(int ordinal) => Get(ordinal, i => (T)_inner.GetValue(i));
    public override object GetValue(int ordinal) => Get(ordinal, _inner.GetValue);

    public override int FieldCount => _inner.FieldCount;
    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));
    public override int RecordsAffected => -1;
    public override bool HasRows => _inner.HasRows;
    public override bool IsClosed => _inner.IsClosed;
    public override int Depth => 0;
    public override bool NextResult() => false;
    public override bool GetBoolean(int ordinal) => Get(ordinal, _inner.GetBoolean);
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
    public override char GetChar(int ordinal) => Get(ordinal, _inner.GetChar);
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
    public override string GetDataTypeName(int ordinal) => _inner.GetDataTypeName(ordinal);
    public override DateTime GetDateTime(int ordinal) => Get(ordinal, _inner.GetDateTime);
    public override decimal GetDecimal(int ordinal) => Get(ordinal, _inner.GetDecimal);
    public override double GetDouble(int ordinal) => Get(ordinal, _inner.GetDouble);
    public override Type GetFieldType(int ordinal) => _inner.GetFieldType(ordinal);
    public override float GetFloat(int ordinal) => Get(ordinal, _inner.GetFloat);
    public override short GetInt16(int ordinal) => Get(ordinal, _inner.GetInt16);
    public override int GetInt32(int ordinal) => Get(ordinal, _inner.GetInt32);
    public override string GetName(int ordinal) => _inner.GetName(ordinal);
    public override int GetOrdinal(string name) => _inner.GetOrdinal(name);
    public override int GetValues(object[] values) => throw new NotSupportedException();
    public override IEnumerator GetEnumerator() => throw new NotSupportedException();
}
