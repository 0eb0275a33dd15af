using System.Runtime.InteropServices;
using SQLitePCL;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>
/// The column calls of the verifier's walk, straight into the e_sqlite3 library that Microsoft.Data.Sqlite bundles
/// (the one SQLitePCLRaw's own provider binds), on the statement's native pointer. SQLitePCLRaw's wrappers take the
/// statement as a SafeHandle, and the reference count they take and drop around every call was a fifth of the walk's
/// CPU (perf, `pi-verify-probe`: ~60 column calls per row, now ~27). The pointer stays valid because <see cref="Row"/> holds one
/// reference on the handle for as long as it is used. Column bytes are copied out at once (SQLite frees them at the
/// next step), so no managed code keeps a native pointer.
/// </summary>
internal static class SqliteColumns
{
    private const string Library = "e_sqlite3";

    /// <summary>
    /// Whether SQLitePCLRaw runs on e_sqlite3 (Microsoft.Data.Sqlite's bundle). Another provider (e.g. SQLCipher) owns
    /// its statements in another library, so the walk then reads through the ADO.NET reader instead. Asked once a
    /// connection is open (the provider is set by then).
    /// </summary>
    public static bool Available => s_available ??= raw.GetNativeLibraryName() == Library;

    private static bool? s_available;

    [DllImport(Library, EntryPoint = "sqlite3_column_value", ExactSpelling = true)]
    private static extern IntPtr ColumnValue(IntPtr stmt, int column);

    [DllImport(Library, EntryPoint = "sqlite3_value_type", ExactSpelling = true)]
    private static extern int ValueType(IntPtr value);

    [DllImport(Library, EntryPoint = "sqlite3_value_int64", ExactSpelling = true)]
    private static extern long ValueInt64(IntPtr value);

    [DllImport(Library, EntryPoint = "sqlite3_value_blob", ExactSpelling = true)]
    private static extern IntPtr ValueBlob(IntPtr value);

    [DllImport(Library, EntryPoint = "sqlite3_value_bytes", ExactSpelling = true)]
    private static extern int ValueBytes(IntPtr value);

    /// <summary>
    /// The current row of one statement, read by column index. Each column is taken once as SQLite's value of the
    /// column (<c>sqlite3_column_value</c>, the one call that takes the connection's mutex; every <c>sqlite3_column_*</c>
    /// call takes it, which was a sixth of the walk's CPU) and then read with <c>sqlite3_value_*</c>. SQLite calls such a
    /// value unprotected: it is safe while no other thread uses the connection, which holds here — the walk owns its
    /// pooled connection and reads on one thread at a time.
    /// </summary>
    internal readonly struct Row(IntPtr stmt)
    {
        public bool IsNull(int column) => ValueType(ColumnValue(stmt, column)) == raw.SQLITE_NULL;

        /// <summary>The column as an integer; false when it is stored as anything else.</summary>
        public bool TryInt64(int column, out long value)
        {
            var v = ColumnValue(stmt, column);
            var integer = ValueType(v) == raw.SQLITE_INTEGER;
            value = integer ? ValueInt64(v) : 0;
            return integer;
        }

        /// <summary>The column converted to an integer, as <c>sqlite3_column_int64</c> does.</summary>
        public long Int64(int column) => ValueInt64(ColumnValue(stmt, column));

        /// <summary>
        /// The column's length in bytes (a text column's stored UTF-8) and where they are, -1 for SQL NULL. The pointer is
        /// valid until the next column call or step: copy at once (<see cref="Copy"/>). SQLite's blob call comes before its
        /// byte count (the order its documentation asks for); NULL is told apart from an empty value by the column type,
        /// asked only when there are no bytes.
        /// </summary>
        public int Bytes(int column, out IntPtr data)
        {
            var v = ColumnValue(stmt, column);
            data = ValueBlob(v);
            var n = ValueBytes(v);
            return n == 0 && ValueType(v) == raw.SQLITE_NULL ? -1 : n;
        }

        /// <summary>
        /// A blob into <paramref name="reuse"/> when it has that length (the usual case: a 32-byte hash), else into a new
        /// array of the stored length, so a damaged length still shows; null for SQL NULL.
        /// </summary>
        public byte[]? Blob(int column, byte[] reuse)
        {
            var n = Bytes(column, out var data);
            if (n < 0)
            {
                return null;
            }

            var target = n == reuse.Length ? reuse : new byte[n];
            Copy(data, target);
            return target;
        }
    }

    /// <summary>Copies the bytes <see cref="Row.Bytes"/> pointed at into <paramref name="destination"/> (its whole length).</summary>
    public static void Copy(IntPtr data, ArraySegment<byte> destination)
    {
        if (destination.Count > 0)
        {
            Marshal.Copy(data, destination.Array!, destination.Offset, destination.Count);
        }
    }
}
