using System.Security.Cryptography;
using ConsumerProtection.Shared.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>
/// The ECDSA P-256 key that signs checkpoints. From <c>PiAccess:Checkpoints:SigningKeyPem</c> or <c>SigningKeyFile</c>
/// (PKCS#8 PEM); otherwise generated once into <c>{data}/keys/piaccess-checkpoint-p256.pem</c> (owner-only) and reused —
/// never regenerated while the file exists, never stored in the database. The key id is the first 16 hex characters of
/// SHA-256 over the public key's SubjectPublicKeyInfo. Earlier keys' public halves (<c>TrustedPublicKeysPem</c>) still
/// verify their checkpoints after a rotation.
/// </summary>
internal sealed partial class CheckpointKey(IOptions<CheckpointOptions> options, StorageOptions storage, ILogger<CheckpointKey> logger) : IDisposable
{
    public const string Directory = "keys";
    public const string FileName = "piaccess-checkpoint-p256.pem";
    public const string Algorithm = "ECDSA P-256 SHA-256";
    public const string SignatureFormat = "DER (RFC 3279 Ecdsa-Sig-Value), base64 in JSON";

    private static readonly Oid P256 = ECCurve.NamedCurves.nistP256.Oid;

    private readonly Lazy<Keys> _keys = new(() => Load(options.Value, storage, logger));

    /// <summary>The signing key's id.</summary>
    public string KeyId => _keys.Value.KeyId;

    /// <summary>The signing key's public half as SPKI PEM.</summary>
    public string PublicKeyPem => _keys.Value.PublicPem;

    /// <summary>Loads (or generates) the key now, so a bad setting stops start-up.</summary>
    public void EnsureLoaded() => _ = _keys.Value;

    public byte[] Sign(ReadOnlySpan<byte> content)
    {
        var keys = _keys.Value;
        lock (keys.Signer)
        {
            return keys.Signer.SignData(content, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
    }

    /// <summary>True when <paramref name="signature"/> over <paramref name="content"/> verifies under the key named <paramref name="keyId"/>.</summary>
    public bool Verify(string keyId, ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature)
    {
        if (!_keys.Value.Verifiers.TryGetValue(keyId, out var key))
        {
            return false;
        }

        lock (key)
        {
            return key.VerifyData(content, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
    }

    /// <summary>True when a key with this id is trusted (the signing key or a configured earlier one).</summary>
    public bool Knows(string keyId) => _keys.Value.Verifiers.ContainsKey(keyId);

    public static string KeyIdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    public void Dispose()
    {
        if (_keys.IsValueCreated)
        {
            foreach (var key in _keys.Value.Verifiers.Values)
            {
                key.Dispose();
            }

            _keys.Value.Signer.Dispose();
        }
    }

    private sealed record Keys(ECDsa Signer, string KeyId, string PublicPem, Dictionary<string, ECDsa> Verifiers);
}
