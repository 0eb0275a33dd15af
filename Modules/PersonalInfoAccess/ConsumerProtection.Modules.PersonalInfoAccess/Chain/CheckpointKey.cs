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
internal sealed class CheckpointKey(IOptions<CheckpointOptions> options, StorageOptions storage, ILogger<CheckpointKey> logger) : IDisposable
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

    private static Keys Load(CheckpointOptions o, StorageOptions storage, ILogger logger)
    {
        var signer = ECDsa.Create();
        if (!string.IsNullOrWhiteSpace(o.SigningKeyPem))
        {
            Import(signer, o.SigningKeyPem, "PiAccess:Checkpoints:SigningKeyPem");
        }
        else if (!string.IsNullOrWhiteSpace(o.SigningKeyFile))
        {
            var path = Path.GetFullPath(o.SigningKeyFile);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"PiAccess:Checkpoints:SigningKeyFile names {path}, which does not exist.");
            }

            Import(signer, File.ReadAllText(path), "PiAccess:Checkpoints:SigningKeyFile");
        }
        else
        {
            LoadOrGenerate(signer, Path.Combine(storage.DataDirectoryFullPath, Directory, FileName), logger);
        }

        var keyId = KeyIdOf(signer);
        var verifiers = new Dictionary<string, ECDsa>(StringComparer.Ordinal) { [keyId] = Public(signer.ExportSubjectPublicKeyInfoPem()) };
        foreach (var pem in o.TrustedPublicKeysPem.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            var key = Public(pem);
            verifiers.TryAdd(KeyIdOf(key), key);
        }

        logger.LogInformation("Checkpoint signing key {KeyId} loaded; {Trusted} key(s) verify checkpoints", keyId, verifiers.Count);
        return new Keys(signer, keyId, signer.ExportSubjectPublicKeyInfoPem(), verifiers);
    }

    private static void LoadOrGenerate(ECDsa signer, string path, ILogger logger)
    {
        if (File.Exists(path))
        {
            Import(signer, File.ReadAllText(path), path);
            return;
        }

        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(folder);
        }
        else
        {
            System.IO.Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        signer.GenerateKey(ECCurve.NamedCurves.nistP256);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, fileOptions);
            using var writer = new StreamWriter(stream);
            writer.Write(signer.ExportPkcs8PrivateKeyPem());
            writer.WriteLine();
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process wrote it first: use that key, never a second one.
            Import(signer, File.ReadAllText(path), path);
            return;
        }

        logger.LogWarning("Generated the checkpoint signing key into {Path} (readable by this user only); back it up outside the database", path);
    }

    private static void Import(ECDsa key, string pem, string source)
    {
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException($"{source} does not hold a PEM ECDSA private key.", ex);
        }

        if (key.ExportParameters(false).Curve.Oid.Value != P256.Value)
        {
            throw new InvalidOperationException($"{source} must hold an ECDSA P-256 key.");
        }
    }

    private static ECDsa Public(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException("PiAccess:Checkpoints:TrustedPublicKeysPem holds a value that is not a PEM ECDSA key.", ex);
        }

        return key;
    }

    private sealed record Keys(ECDsa Signer, string KeyId, string PublicPem, Dictionary<string, ECDsa> Verifiers);
}
