using System.Security.Cryptography;
using ConsumerProtection.Shared.Data;
using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

// Where the key comes from: configuration, a configured file, or a generated owner-only file that is never replaced.
internal sealed partial class CheckpointKey
{
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
}
