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
    public void SigningKey_ConfiguredPemNotAKey_StopsStartUp()
    {
        using var api = new ApiFactory(new Dictionary<string, string?> { ["PiAccess:Checkpoints:SigningKeyPem"] = "not a key" });
        Assert.That(() => api.Server, Throws.Exception);
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
