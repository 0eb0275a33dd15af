using System.Text.RegularExpressions;

namespace ConsumerProtection.Shared.Protection;

/// <summary>
/// The loaded keys: AES-256 keys by id (the active one encrypts, all decrypt) and the blind-index HMAC key.
/// From <c>Protection:Keys</c> / <c>ActiveKeyId</c> / <c>BlindIndexKey</c>, or from the owner-only key file.
/// A malformed setting throws naming the setting, so the host refuses to start rather than write data it cannot read.
/// </summary>
internal sealed partial class ProtectionKeyring
{
    public const int KeyBytes = 32;

    public ProtectionKeyring(IReadOnlyDictionary<string, byte[]> keys, string activeKeyId, byte[] blindIndexKey, string source)
    {
        Keys = keys;
        ActiveKeyId = activeKeyId;
        BlindIndexKey = blindIndexKey;
        Source = source;
    }

    public IReadOnlyDictionary<string, byte[]> Keys { get; }

    public string ActiveKeyId { get; }

    public byte[] BlindIndexKey { get; }

    /// <summary>"configuration" or the key file's path (for logs and the rekey verb's output).</summary>
    public string Source { get; }

    // A key id sits between colons in the envelope, so it is a short token without one.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex KeyIdFormat();

    public static bool IsKeyId(string? kid) => kid is not null && KeyIdFormat().IsMatch(kid);

    /// <summary>Reads the configured keys, or the key file (generating it once when none is configured).</summary>
    public static ProtectionKeyring Load(ProtectionOptions o, string dataDirectory, TimeProvider time, Action<string>? warn = null)
    {
        if (o.Keys.Count > 0)
        {
            return FromConfiguration(o);
        }

        if (!string.IsNullOrWhiteSpace(o.ActiveKeyId) || !string.IsNullOrWhiteSpace(o.BlindIndexKey))
        {
            throw new InvalidOperationException(
                "Protection:ActiveKeyId or Protection:BlindIndexKey is set but Protection:Keys is empty; configure the keys too, or none of them to use the key file.");
        }

        if (!string.IsNullOrWhiteSpace(o.KeyFile))
        {
            var path = Path.GetFullPath(o.KeyFile);
            return File.Exists(path)
                ? KeyFile.Read(path, warn)
                : throw new InvalidOperationException($"Protection:KeyFile names {path}, which does not exist.");
        }

        return KeyFile.ReadOrCreate(KeyFile.DefaultPath(dataDirectory), time, warn);
    }

    private static ProtectionKeyring FromConfiguration(ProtectionOptions o)
    {
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (kid, value) in o.Keys)
        {
            if (!IsKeyId(kid))
            {
                throw new InvalidOperationException($"Protection:Keys:{kid}: a key id is 1 to 32 letters, digits, '-' or '_'.");
            }

            keys[kid] = Decode(value, $"Protection:Keys:{kid}");
        }

        var active = string.IsNullOrWhiteSpace(o.ActiveKeyId) ? (keys.Count == 1 ? keys.Keys.Single() : null) : o.ActiveKeyId.Trim();
        if (active is null)
        {
            throw new InvalidOperationException("Protection:ActiveKeyId is required when Protection:Keys holds more than one key.");
        }

        if (!keys.ContainsKey(active))
        {
            throw new InvalidOperationException($"Protection:ActiveKeyId '{active}' is not one of Protection:Keys ({string.Join(", ", keys.Keys)}).");
        }

        if (string.IsNullOrWhiteSpace(o.BlindIndexKey))
        {
            throw new InvalidOperationException("Protection:BlindIndexKey is required with Protection:Keys (base64, 32 bytes).");
        }

        var blind = Decode(o.BlindIndexKey, "Protection:BlindIndexKey");
        if (keys.Values.Any(k => k.AsSpan().SequenceEqual(blind)))
        {
            // One key for two purposes would tie the index's secrecy to the cipher's and defeat rotating either.
            throw new InvalidOperationException("Protection:BlindIndexKey must differ from every key in Protection:Keys.");
        }

        return new ProtectionKeyring(keys, active, blind, "configuration");
    }

    public static byte[] Decode(string? value, string setting)
    {
        var bytes = new byte[KeyBytes + 3];
        if (value is null || !Convert.TryFromBase64String(value.Trim(), bytes, out var written) || written != KeyBytes)
        {
            throw new InvalidOperationException($"{setting} must be a base64-encoded 32-byte (256-bit) key.");
        }

        return bytes[..KeyBytes];
    }
}
