using System.Net.Http.Json;
using ConsumerProtection.Host.Tests.Infrastructure;

namespace ConsumerProtection.Host.Tests.Data;

/// <summary>The data folder is the owner's alone and no file in it (databases, their -wal/-shm, keys) is readable by others, whatever the umask.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFilePermissionTests
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Test]
    public async Task DataFolderAndEveryFile_AreOwnerOnly()
    {
        using var factory = new ApiFactory();
        using var admin = factory.Admin();
        (await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "writer", roles = new[] { "Teller" }, branchId = "B1" })).EnsureSuccessStatusCode();
        var entries = Directory.GetFileSystemEntries(factory.DataDirectory, "*", SearchOption.AllDirectories).Append(factory.DataDirectory).ToList();
        Assert.That(entries.Where(e => e.EndsWith("-wal", StringComparison.Ordinal)), Is.Not.Empty, "the -wal files exist and are checked too");
        Assert.That(entries.Where(e => (File.GetUnixFileMode(e) & GroupOrOther) != 0).Select(e => $"{e} {File.GetUnixFileMode(e)}"), Is.Empty);
    }

    [Test]
    public void ExistingWorldReadableFiles_AreNarrowedAtStart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        var old = Path.Combine(folder, "complaints.db");
        File.WriteAllBytes(old, []);
        File.SetUnixFileMode(old, (UnixFileMode)0b110_100_100);
        using var factory = new ApiFactory(dataDirectory: folder);
        _ = factory.AdminKey;
        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(folder) & GroupOrOther, Is.EqualTo((UnixFileMode)0));
            Assert.That(File.GetUnixFileMode(old) & GroupOrOther, Is.EqualTo((UnixFileMode)0));
        });
    }
}
