using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Chain;

public sealed class CheckpointKeyTests
{
    private static string KeyFile(ApiFactory api) => Path.Combine(api.DataDirectory, "keys", "piaccess-checkpoint-p256.pem");

    private static string KeyIdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    private static async Task<System.Text.Json.JsonElement> PublicKeyAsync(ApiFactory api)
    {
        using var auditor = await api.ReaderAsync(Role.Auditor);
        var response = await auditor.GetAsync("/api/v1/pi-access/checkpoints/public-key");
        Assert.That(response.IsSuccessStatusCode, Is.True);
        return await response.JsonAsync();
    }

    [Test]
    public async Task SigningKey_FromConfiguredPem_IsUsedAndNoFileIsWritten()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var api = new ApiFactory(new Dictionary<string, string?> { ["PiAccess:Checkpoints:SigningKeyPem"] = key.ExportPkcs8PrivateKeyPem() });
        var body = await PublicKeyAsync(api);
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("keyId").GetString(), Is.EqualTo(KeyIdOf(key)));
            Assert.That(body.GetProperty("algorithm").GetString(), Is.EqualTo("ECDSA P-256 SHA-256"));
            Assert.That(File.Exists(KeyFile(api)), Is.False);
        });
    }

    [Test]
    public async Task SigningKey_Generated_IsOwnerOnlyAndReusedByTheNextHostOnTheSameFolder()
    {
        using var first = new ApiFactory();
        var keyId = (await PublicKeyAsync(first)).GetProperty("keyId").GetString();
        var pem = await File.ReadAllTextAsync(KeyFile(first));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(KeyFile(first)), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }

        using var restarted = new ApiFactory(dataDirectory: first.DataDirectory);
        Assert.Multiple(async () =>
        {
            Assert.That((await PublicKeyAsync(restarted)).GetProperty("keyId").GetString(), Is.EqualTo(keyId));
            Assert.That(await File.ReadAllTextAsync(KeyFile(restarted)), Is.EqualTo(pem), "never regenerated");
        });
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        Assert.That(KeyIdOf(key), Is.EqualTo(keyId));
    }

    [Test]
    public async Task SigningKey_FromConfiguredFile_IsUsed()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = Path.Combine(Path.GetTempPath(), "cp-tests", Guid.NewGuid().ToString("N") + ".pem");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, key.ExportPkcs8PrivateKeyPem());
        try
        {
            using var api = new ApiFactory(new Dictionary<string, string?> { ["PiAccess:Checkpoints:SigningKeyFile"] = path });
            Assert.That((await PublicKeyAsync(api)).GetProperty("keyId").GetString(), Is.EqualTo(KeyIdOf(key)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("not a key")]
    [TestCase("p384")]
    public void SigningKey_ConfiguredPemNotAP256Key_StopsStartUp(string pem)
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["PiAccess:Checkpoints:SigningKeyPem"] = pem == "p384" ? p384.ExportPkcs8PrivateKeyPem() : pem,
        });
        Assert.That(() => api.Server, Throws.Exception);
    }

    [Test]
    public async Task Rotation_OldCheckpointsVerifyOnlyWhileTheOldPublicKeyIsTrusted()
    {
        using var oldKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var before = new ApiFactory(new Dictionary<string, string?> { ["PiAccess:Checkpoints:SigningKeyPem"] = oldKey.ExportPkcs8PrivateKeyPem() },
            new FakeTimeProvider(PiEvents.Now));
        using (var system = await before.SystemClientAsync())
        using (var auditor = await before.ReaderAsync(Role.Auditor))
        {
            await system.SeedAsync(5);
            await auditor.TakeCheckpointAsync();
        }

        using var trusting = new ApiFactory(new Dictionary<string, string?>
        {
            ["PiAccess:Checkpoints:SigningKeyPem"] = newKey.ExportPkcs8PrivateKeyPem(),
            ["PiAccess:Checkpoints:TrustedPublicKeysPem:0"] = oldKey.ExportSubjectPublicKeyInfoPem(),
        }, dataDirectory: before.DataDirectory);
        using (var auditor = await trusting.ReaderAsync(Role.Auditor))
        {
            var result = await auditor.VerifyAsync();
            Assert.That(result.GetProperty("ok").GetBoolean(), Is.True, result.ToString());
            Assert.That(result.GetProperty("checkpointsChecked").GetInt32(), Is.EqualTo(1));
        }

        using var forgetting = new ApiFactory(new Dictionary<string, string?> { ["PiAccess:Checkpoints:SigningKeyPem"] = newKey.ExportPkcs8PrivateKeyPem() },
            dataDirectory: before.DataDirectory);
        using (var auditor = await forgetting.ReaderAsync(Role.Auditor))
        {
            ChainTestKit.AssertBroken(await auditor.VerifyAsync(), "CheckpointInvalid", 5);
        }
    }

    [Test]
    public async Task PublicKey_VerifiesACheckpointWithPlainDotNet_OverTheDocumentedContent()
    {
        using var api = new ApiFactory(time: new FakeTimeProvider(PiEvents.Now));
        using var system = await api.SystemClientAsync();
        using var auditor = await api.ReaderAsync(Role.Auditor);
        await system.SeedAsync(5);
        var checkpoint = await auditor.TakeCheckpointAsync();
        var published = await PublicKeyAsync(api);

        using var key = ECDsa.Create();
        key.ImportFromPem(published.GetProperty("publicKeyPem").GetString());
        var content = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"pia-checkpoint-v1\nseq={checkpoint.GetProperty("seq").GetInt64()}\nrowHash={checkpoint.GetProperty("rowHash").GetString()}\n"
            + $"createdAt={checkpoint.GetProperty("createdAt").GetDateTimeOffset().UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}\n"
            + $"keyId={checkpoint.GetProperty("keyId").GetString()}\n"));
        var signature = Convert.FromBase64String(checkpoint.GetProperty("signature").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(checkpoint.GetProperty("keyId").GetString(), Is.EqualTo(published.GetProperty("keyId").GetString()));
            Assert.That(key.VerifyData(content, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), Is.True);
            content[^2] ^= 1;
            Assert.That(key.VerifyData(content, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), Is.False);
        });
    }
}
