using ConsumerProtection.Shared.Protection;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Shared.Tests.Protection;

public sealed class ProtectionKeyringTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private string _dir = null!;

    [SetUp]
    public void Folder() => _dir = Path.Combine(Path.GetTempPath(), "cp-keyring-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void Remove()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static ProtectionOptions Configured(string? k1 = null, string? blind = null, string? active = null)
    {
        var o = new ProtectionOptions { BlindIndexKey = blind ?? TestKeys.Base64(TestKeys.Blind), ActiveKeyId = active };
        o.Keys["k1"] = k1 ?? TestKeys.Base64(TestKeys.K1);
        return o;
    }

    [Test]
    public void Load_ConfiguredKeys_UsesThemAndWritesNoFile()
    {
        var o = Configured();
        o.Keys["k2"] = TestKeys.Base64(TestKeys.K2);
        o.ActiveKeyId = "k2";
        var keyring = ProtectionKeyring.Load(o, _dir, Time);
        Assert.Multiple(() =>
        {
            Assert.That(keyring.ActiveKeyId, Is.EqualTo("k2"));
            Assert.That(keyring.Keys.Keys, Is.EquivalentTo(new[] { "k1", "k2" }));
            Assert.That(keyring.Source, Is.EqualTo("configuration"));
            Assert.That(Directory.Exists(_dir), Is.False);
        });
    }

    private static IEnumerable<TestCaseData> Malformed()
    {
        yield return new TestCaseData(Configured(k1: "not base64!"), "Protection:Keys:k1").SetName("Load_KeyNotBase64_NamesTheSetting");
        yield return new TestCaseData(Configured(k1: Convert.ToBase64String(new byte[16])), "Protection:Keys:k1").SetName("Load_KeyOf16Bytes_NamesTheSetting");
        yield return new TestCaseData(Configured(blind: "short"), "Protection:BlindIndexKey").SetName("Load_BlindKeyMalformed_NamesTheSetting");
        yield return new TestCaseData(Configured(active: "k7"), "Protection:ActiveKeyId").SetName("Load_ActiveKeyNotConfigured_NamesTheSetting");
        yield return new TestCaseData(Configured(blind: TestKeys.Base64(TestKeys.K1)), "Protection:BlindIndexKey").SetName("Load_BlindKeyEqualsAKey_NamesTheSetting");
        var noBlind = Configured();
        noBlind.BlindIndexKey = null;
        yield return new TestCaseData(noBlind, "Protection:BlindIndexKey").SetName("Load_KeysWithoutBlindKey_NamesTheSetting");
        var badId = new ProtectionOptions { BlindIndexKey = TestKeys.Base64(TestKeys.Blind) };
        badId.Keys["k:1"] = TestKeys.Base64(TestKeys.K1);
        yield return new TestCaseData(badId, "Protection:Keys:k:1").SetName("Load_KeyIdWithColon_NamesTheSetting");
        var twoNoActive = Configured();
        twoNoActive.Keys["k2"] = TestKeys.Base64(TestKeys.K2);
        yield return new TestCaseData(twoNoActive, "Protection:ActiveKeyId").SetName("Load_TwoKeysNoActive_NamesTheSetting");
        yield return new TestCaseData(new ProtectionOptions { ActiveKeyId = "k1" }, "Protection:Keys").SetName("Load_ActiveWithoutKeys_NamesTheSetting");
    }

    [TestCaseSource(nameof(Malformed))]
    public void Load_MalformedSetting_Throws(ProtectionOptions o, string setting) =>
        Assert.That(() => ProtectionKeyring.Load(o, _dir, Time), Throws.InvalidOperationException.With.Message.Contains(setting));

    [Test]
    public void Load_NothingConfigured_GeneratesAnOwnerOnlyKeyFileOnce()
    {
        var first = ProtectionKeyring.Load(new ProtectionOptions(), _dir, Time);
        var second = ProtectionKeyring.Load(new ProtectionOptions(), _dir, Time);
        var path = Path.Combine(_dir, "keys", "personal-data-keys.json");
        Assert.Multiple(() =>
        {
            Assert.That(first.Source, Is.EqualTo(path));
            Assert.That(first.Keys[first.ActiveKeyId], Has.Length.EqualTo(32));
            Assert.That(second.Keys[second.ActiveKeyId], Is.EqualTo(first.Keys[first.ActiveKeyId]), "never regenerated while the file exists");
            Assert.That(second.BlindIndexKey, Is.EqualTo(first.BlindIndexKey));
            Assert.That(first.BlindIndexKey, Is.Not.EqualTo(first.Keys[first.ActiveKeyId]));
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
    public void Rotate_KeyFile_AddsAnActiveKeyAndKeepsTheOld()
    {
        var before = ProtectionKeyring.Load(new ProtectionOptions(), _dir, Time);
        var time = new FakeTimeProvider(Time.GetUtcNow().AddDays(90));
        var kid = ProtectionKeyring.KeyFile.Rotate(before.Source, time);
        var after = ProtectionKeyring.Load(new ProtectionOptions(), _dir, Time);
        Assert.Multiple(() =>
        {
            Assert.That(after.ActiveKeyId, Is.EqualTo(kid).And.Not.EqualTo(before.ActiveKeyId));
            Assert.That(after.Keys[before.ActiveKeyId], Is.EqualTo(before.Keys[before.ActiveKeyId]));
            Assert.That(after.BlindIndexKey, Is.EqualTo(before.BlindIndexKey), "the blind index survives rotation");
        });
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(before.Source), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    public void Load_ConfiguredKeyFileMissing_Throws() =>
        Assert.That(() => ProtectionKeyring.Load(new ProtectionOptions { KeyFile = Path.Combine(_dir, "absent.json") }, _dir, Time),
            Throws.InvalidOperationException.With.Message.Contains("Protection:KeyFile"));

    [Test]
    public void Load_MalformedKeyFile_ThrowsNamingThePath()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "keys.json");
        File.WriteAllText(path, """{"activeKeyId":"k1","keys":{"k1":"xx"},"blindIndexKey":"yy"}""");
        Assert.That(() => ProtectionKeyring.Load(new ProtectionOptions { KeyFile = path }, _dir, Time),
            Throws.InvalidOperationException.With.Message.Contains(path).And.Message.Contains("k1"));
    }
}
