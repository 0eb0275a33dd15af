using System.Security.Cryptography;
using System.Text;

namespace ConsumerProtection.Shared.Protection;

// Blind indexes: equality look-ups (repeat complaints by phone, e-mail, ID number) over encrypted fields.
public sealed partial class PersonalDataProtector
{
    /// <summary>The blind index's length in bytes (hex-encoded, twice as many characters).</summary>
    public const int BlindIndexBytes = 16;

    /// <summary>
    /// HMAC-SHA-256 under the blind-index key over the kind and the normalised value, truncated to 128 bits and
    /// hex-encoded (32 characters). Keyed, so someone holding only the database cannot test guesses (phone numbers
    /// are a small space); the kind is part of the input, so a phone and an ID number with the same digits differ.
    /// 128 bits keep the indexes small while a collision stays out of reach.
    /// </summary>
    public string BlindIndex(BlindIndexKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var input = string.Concat(kind.ToString(), "\0", PersonalDataNormalisation.Normalise(kind, value));
        var length = Encoding.UTF8.GetByteCount(input);
        Span<byte> buffer = length <= StackLimit ? stackalloc byte[StackLimit] : new byte[length];
        var bytes = buffer[..length];
        Encoding.UTF8.GetBytes(input, bytes);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_blindIndexKey, bytes, mac);
        return Convert.ToHexStringLower(mac[..BlindIndexBytes]);
    }

    /// <summary>The blind index of <paramref name="value"/>, or null when it is null.</summary>
    public string? BlindIndexOrNull(BlindIndexKind kind, string? value) => value is null ? null : BlindIndex(kind, value);
}
