using System.Net;
using ConsumerProtection.Host.Tests.Infrastructure;

namespace ConsumerProtection.Host.Tests.Protection;

/// <summary>The host loads the personal-data keys as it starts: a malformed setting stops it, naming the setting.</summary>
public sealed class ProtectionStartupTests
{
    private static readonly string Key = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
    private static readonly string Blind = Convert.ToBase64String(Enumerable.Repeat((byte)8, 32).ToArray());

    private static IEnumerable<TestCaseData> Malformed()
    {
        yield return new TestCaseData(new Dictionary<string, string?> { ["Protection:Keys:k1"] = "bm90IGEga2V5", ["Protection:BlindIndexKey"] = Blind },
            "Protection:Keys:k1").SetName("Start_KeyOfWrongLength_Refused");
        yield return new TestCaseData(new Dictionary<string, string?> { ["Protection:Keys:k1"] = Key, ["Protection:ActiveKeyId"] = "k2", ["Protection:BlindIndexKey"] = Blind },
            "Protection:ActiveKeyId").SetName("Start_ActiveKeyNotConfigured_Refused");
        yield return new TestCaseData(new Dictionary<string, string?> { ["Protection:Keys:k1"] = Key },
            "Protection:BlindIndexKey").SetName("Start_NoBlindIndexKey_Refused");
    }

    [TestCaseSource(nameof(Malformed))]
    public void Start_MalformedKeySetting_RefusesNamingIt(Dictionary<string, string?> settings, string setting)
    {
        using var factory = new ApiFactory(settings);
        Assert.That(() => factory.CreateClient(), Throws.Exception.With.Message.Contains(setting));
    }

    [Test]
    public async Task Start_NoKeysConfigured_GeneratesAnOwnerOnlyKeyFile_NotInTheDatabase()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        using var live = await client.GetAsync("/health/live");
        var path = Path.Combine(factory.DataDirectory, "keys", "personal-data-keys.json");
        Assert.Multiple(() =>
        {
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(File.Exists(path), Is.True);
        });
        if (!OperatingSystem.IsWindows())
        {
            var fileMode = File.GetUnixFileMode(path);
            var folderMode = File.GetUnixFileMode(Path.GetDirectoryName(path)!);
            Assert.Multiple(() =>
            {
                Assert.That(fileMode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "0600");
                Assert.That(folderMode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), "0700");
            });
        }
    }

    [Test]
    public async Task Start_WithConfiguredKeys_WritesNoKeyFile()
    {
        using var factory = new ApiFactory(new() { ["Protection:Keys:k1"] = Key, ["Protection:BlindIndexKey"] = Blind });
        using var client = factory.CreateClient();
        using var live = await client.GetAsync("/health/live");
        Assert.Multiple(() =>
        {
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(File.Exists(Path.Combine(factory.DataDirectory, "keys", "personal-data-keys.json")), Is.False);
        });
    }
}
