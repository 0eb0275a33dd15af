using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ConsumerProtection.Shared.Protection;

/// <summary>
/// Encrypts personal data for storage (PIPL art. 51; JR/T 0171-2020 requires C2/C3 personal financial information
/// encrypted at rest): AES-256-GCM, a fresh random 96-bit nonce per value, the key id in the stored text
/// <c>enc:v1:&lt;kid&gt;:&lt;base64(nonce|ciphertext|tag)&gt;</c>, and the value's table, column and record id as
/// associated data. Also computes keyed blind indexes (HMAC-SHA-256) so equality look-ups work without plaintext.
/// Thread-safe.
/// </summary>
public sealed partial class PersonalDataProtector : IDisposable
{
    /// <summary>The envelope's prefix: scheme and format version.</summary>
    public const string Prefix = "enc:v1:";

    private const int NonceBytes = 12;
    private const int TagBytes = AesGcmPool.TagBytes;
    private const int StackLimit = 512;

    private readonly Dictionary<string, AesGcmPool> _keys;
    private readonly AesGcmPool _active;
    private readonly byte[] _blindIndexKey;

    internal PersonalDataProtector(ProtectionKeyring keyring, bool pooled = true)
    {
        _keys = keyring.Keys.ToDictionary(k => k.Key, k => new AesGcmPool(k.Value, pooled), StringComparer.Ordinal);
        ActiveKeyId = keyring.ActiveKeyId;
        _active = _keys[ActiveKeyId];
        _blindIndexKey = keyring.BlindIndexKey;
        KeySource = keyring.Source;
    }

    /// <summary>The key id new values are encrypted under.</summary>
    public string ActiveKeyId { get; }

    /// <summary>Every key id this host can decrypt.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>Where the keys came from: "configuration" or the key file's path.</summary>
    public string KeySource { get; }

    /// <summary>True when <paramref name="value"/> is an envelope written by this class (any version-1 key).</summary>
    public static bool IsEnvelope(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The key id inside an envelope, or null when <paramref name="value"/> is not one.</summary>
    public static string? KeyIdOf(string? value)
    {
        if (!IsEnvelope(value))
        {
            return null;
        }

        var end = value!.IndexOf(':', Prefix.Length);
        return end < 0 ? null : value[Prefix.Length..end];
    }

    /// <summary>Encrypts <paramref name="plaintext"/> under the active key, bound to <paramref name="binding"/>.</summary>
    public string Protect(string plaintext, FieldBinding binding)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var plainLength = Encoding.UTF8.GetByteCount(plaintext);
        var total = NonceBytes + plainLength + TagBytes;
        var rented = ArrayPool<byte>.Shared.Rent(total + plainLength);
        try
        {
            var sealedBytes = rented.AsSpan(0, total);
            var plain = rented.AsSpan(total, plainLength);
            Encoding.UTF8.GetBytes(plaintext, plain);
            var nonce = sealedBytes[..NonceBytes];
            RandomNumberGenerator.Fill(nonce);
            Span<byte> aadBuffer = stackalloc byte[StackLimit];
            var aad = Aad(binding, aadBuffer, out _);
            var aes = _active.Rent();
            try
            {
                aes.Encrypt(nonce, plain, sealedBytes.Slice(NonceBytes, plainLength), sealedBytes[(NonceBytes + plainLength)..], aad);
            }
            finally
            {
                _active.Return(aes);
            }

            CryptographicOperations.ZeroMemory(plain);
            return string.Concat(Prefix, ActiveKeyId, ":", Convert.ToBase64String(sealedBytes));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Decrypts an envelope written for <paramref name="binding"/>. Throws <see cref="PersonalDataProtectionException"/>
    /// when it is not an envelope, names an unknown key, or fails authentication (altered, or from another row or field).
    /// </summary>
    public string Unprotect(string envelope, FieldBinding binding)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var kid = KeyIdOf(envelope) ?? throw new PersonalDataProtectionException($"{binding}: the stored value is not an encrypted envelope ({Prefix}<kid>:<data>).");
        if (!_keys.TryGetValue(kid, out var key))
        {
            throw new PersonalDataProtectionException(
                $"{binding}: encrypted under key '{kid}', which this host does not have (Protection:Keys or the key file). Restore that key to read it.");
        }

        var encoded = envelope.AsSpan(Prefix.Length + kid.Length + 1);
        var rented = ArrayPool<byte>.Shared.Rent(encoded.Length);
        try
        {
            if (!Convert.TryFromBase64Chars(encoded, rented, out var length) || length < NonceBytes + TagBytes)
            {
                throw new PersonalDataProtectionException($"{binding}: the encrypted value is malformed (bad base64 or too short).");
            }

            var plainLength = length - NonceBytes - TagBytes;
            Span<byte> plain = plainLength <= StackLimit ? stackalloc byte[StackLimit] : new byte[plainLength];
            plain = plain[..plainLength];
            Span<byte> aadBuffer = stackalloc byte[StackLimit];
            var aad = Aad(binding, aadBuffer, out _);
            var sealedBytes = rented.AsSpan(0, length);
            var aes = key.Rent();
            try
            {
                aes.Decrypt(sealedBytes[..NonceBytes], sealedBytes.Slice(NonceBytes, plainLength), sealedBytes[(NonceBytes + plainLength)..], plain, aad);
            }
            catch (CryptographicException ex)
            {
                throw new PersonalDataProtectionException(
                    $"{binding}: the encrypted value failed authentication under key '{kid}': it was altered, or copied from another row or field.", ex);
            }
            finally
            {
                key.Return(aes);
            }

            var text = Encoding.UTF8.GetString(plain);
            CryptographicOperations.ZeroMemory(plain);
            return text;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    // "cp-pd-v1" + table + column + record id, NUL-separated so no two bindings share an encoding.
    private static ReadOnlySpan<byte> Aad(FieldBinding b, Span<byte> buffer, out byte[]? array)
    {
        var text = string.Concat("cp-pd-v1\0", b.Table, "\0", b.Column, "\0", b.RecordId);
        var length = Encoding.UTF8.GetByteCount(text);
        array = length <= buffer.Length ? null : new byte[length];
        var target = array is null ? buffer[..length] : array.AsSpan();
        Encoding.UTF8.GetBytes(text, target);
        return target;
    }
}
