namespace ConsumerProtection.Shared.Protection;

/// <summary>
/// Configuration section <c>Protection</c>: the keys that encrypt personal data at rest and key its blind indexes.
/// With no <c>Keys</c> configured, the keys come from an owner-only key file (<see cref="KeyFile"/>, by default
/// <c>{data}/keys/personal-data-keys.json</c>, generated once). Keys never go into the database.
/// </summary>
public sealed class ProtectionOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Protection";

    /// <summary><c>Protection:Keys:&lt;kid&gt;</c>: base64 AES-256 keys (32 bytes) by key id; old ones stay to decrypt.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>Protection:ActiveKeyId</c>: the key that encrypts new values (optional when only one key is configured).</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary><c>Protection:BlindIndexKey</c>: base64 HMAC-SHA-256 key (32 bytes) for the blind indexes; required with <c>Keys</c>.</summary>
    public string? BlindIndexKey { get; set; }

    /// <summary><c>Protection:KeyFile</c>: a key file to use instead of the generated default (it must exist).</summary>
    public string? KeyFile { get; set; }
}
