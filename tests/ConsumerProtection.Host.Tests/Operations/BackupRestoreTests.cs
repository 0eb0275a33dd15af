using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Operations;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Host.Tests.Operations;

/// <summary>
/// Issue 13 §3: back up while a running host files complaints and ingests access events, restore into a fresh
/// folder, start a host on it and check every chain and row count against the manifest; a tampered backup is refused.
/// One source host and one backup for the class.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BackupRestoreTests
{
    private ApiFactory _source = null!;
    private string _backup = null!;
    private BackupManifest _manifest = null!;
    private int _filedAfterBackup;
    private readonly List<string> _cleanup = [];

    [OneTimeSetUp]
    public async Task BackUpUnderLoad()
    {
        _source = new ApiFactory(new() { ["PiAccess:Checkpoints:EveryEvents"] = "50" });
        using var admin = _source.Admin();
        var (systemKey, _) = await _source.CreateKeyAsync([Role.SystemClient], name: "core-banking");
        using var system = _source.WithKey(systemKey);
        Assert.That((await admin.PostAsJsonAsync("/api/v1/complaints", Cli.Complaint())).IsSuccessStatusCode, Is.True, "a complaint before the backup");

        using var stop = new CancellationTokenSource();
        var filed = 0;
        var writers = new[]
        {
            Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    (await admin.PostAsJsonAsync("/api/v1/complaints", Cli.Complaint())).EnsureSuccessStatusCode();
                    Interlocked.Increment(ref filed);
                }
            }),
            Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    (await system.PostAsJsonAsync("/api/v1/pi-access/events", Cli.AccessEvent($"CIF-{i}"))).EnsureSuccessStatusCode();
                }
            }),
        };
        // Writers are running before the backup starts (bounded wait), and keep running through it.
        for (var i = 0; i < 200 && Volatile.Read(ref filed) < 5; i++)
        {
            await Task.Delay(50);
        }

        _backup = Cli.TempFolder("backup");
        _cleanup.Add(_backup);
        var (code, output, error) = await Cli.RunAsync("backup", "--to", _backup, Cli.Data(_source.DataDirectory));
        // Keep the writers going past the backup's end (bounded wait), so the source outgrows the snapshot.
        var after = Volatile.Read(ref filed);
        for (var i = 0; i < 200 && Volatile.Read(ref filed) < after + 3; i++)
        {
            await Task.Delay(50);
        }

        _filedAfterBackup = Volatile.Read(ref filed) - after;
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.That(code, Is.EqualTo(0), output + error);
        _manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(Path.Combine(_backup, BackupManifest.FileName)), BackupManifest.Json)!;
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _source.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var folder in _cleanup)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }

    [Test]
    public void Backup_UnderLoad_HoldsEveryModuleTheKeyAndPrivateModes()
    {
        var paths = _manifest.Files.Select(f => f.Path).ToList();
        Assert.That(paths, Is.SupersetOf(new[] { "kernel.db", "complaints.db", "piaccess.db", "keys/piaccess-checkpoint-p256.pem" }));
        Assert.That(_filedAfterBackup, Is.GreaterThan(0), "the writers kept appending across the backup");
        using (var source = _source.OpenFile("complaints"))
        using (var count = source.CreateCommand())
        {
            count.CommandText = "SELECT COUNT(*) FROM complaint";
            Assert.That(count.ExecuteScalar(), Is.GreaterThan(_manifest.Files.Single(f => f.Path == "complaints.db").Tables!["complaint"]),
                "the backup is a snapshot taken while the source was still growing");
        }

        // Kernel first; a module that refers to another's records (complaints → the access log) after it.
        Assert.That(_manifest.Order[0], Is.EqualTo("kernel"));
        Assert.That(_manifest.Order.ToList().IndexOf("piaccess"), Is.LessThan(_manifest.Order.ToList().IndexOf("complaints")), "referrers after what they refer to");
        Assert.That(_manifest.Order, Is.EquivalentTo(Directory.GetFiles(_source.DataDirectory, "*.db").Select(Path.GetFileNameWithoutExtension)),
            "every module file is in the backup");
        var complaints = _manifest.Files.Single(f => f.Path == "complaints.db");
        Assert.That(complaints.Tables!["complaint"], Is.GreaterThan(1));
        Assert.That(complaints.Chains!.Single(c => c.Table == "audit_log").LastSeq, Is.GreaterThan(1));
        Assert.That(_manifest.Files.Single(f => f.Path == "piaccess.db").Chains!.Single(c => c.Table == "access_event").LastSeq, Is.GreaterThan(0));
        Assert.That(File.GetUnixFileMode(_backup), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        foreach (var file in Directory.EnumerateFiles(_backup, "*", SearchOption.AllDirectories))
        {
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), file);
        }

        Assert.That(Directory.EnumerateFiles(_backup, "*-wal", SearchOption.AllDirectories), Is.Empty, "self-contained files");
    }

    [Test]
    public async Task Restore_IntoFreshFolder_HostStartsAndEveryChainAndRowCountMatchesTheManifest()
    {
        var data = Cli.TempFolder("restored");
        var (code, output, error) = await Cli.RunAsync("restore", "--from", _backup, Cli.Data(data));
        Assert.That(code, Is.EqualTo(0), output + error);

        using var restored = new ApiFactory(dataDirectory: data);
        using var admin = restored.WithKey(_source.AdminKey);
        var health = await admin.GetAsync("/health/ready");
        Assert.That((int)health.StatusCode, Is.EqualTo(200), "a host starts on the restored folder and the restored admin key works");
        Assert.That((int)(await admin.GetAsync("/api/v1/me")).StatusCode, Is.EqualTo(200));

        foreach (var file in _manifest.Files.Where(f => f.Tables is not null))
        {
            using var c = new SqliteConnection($"Data Source={Path.Combine(data, file.Path)};Mode=ReadOnly;Pooling=False");
            c.Open();
            Assert.That(SqliteFacts.RowCounts(c), Is.EqualTo(file.Tables), $"row counts of {file.Path}");
            Assert.That(SqliteFacts.Heads(c), Is.EqualTo(file.Chains), $"chain heads of {file.Path}");
        }

        var verify = await Cli.RunAsync("verify", "--manifest", Path.Combine(_backup, BackupManifest.FileName), Cli.Data(data));
        Assert.That(verify.Code, Is.EqualTo(0), verify.Out + verify.Error);
        Assert.That(verify.Out, Does.Contain("ok piaccess.access_event").And.Contain("ok complaints.audit_log").And.Contain("ok kernel.audit_log"));
        Assert.That(verify.Out, Does.Not.Contain("BROKEN"));
    }

    [Test]
    public async Task Restore_TamperedFile_IsRefusedNamingTheFile()
    {
        var copy = Cli.TempFolder("tampered");
        _cleanup.Add(copy);
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(_backup, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(copy, Path.GetRelativePath(_backup, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        await using (var stream = new FileStream(Path.Combine(copy, "complaints.db"), FileMode.Open, FileAccess.Write))
        {
            stream.Position = stream.Length / 2;
            stream.WriteByte(0x5A);
        }

        var data = Cli.TempFolder("refused");
        _cleanup.Add(data);
        var (code, _, error) = await Cli.RunAsync("restore", "--from", copy, Cli.Data(data));
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("complaints.db").And.Contain("SHA-256"));
        Assert.That(File.Exists(Path.Combine(data, "kernel.db")), Is.False, "nothing restored from a backup that does not verify");
    }

    [Test]
    public async Task Restore_OverNonEmptyFolder_NeedsForce()
    {
        var data = Cli.TempFolder("occupied");
        _cleanup.Add(data);
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "kernel.db"), "old");
        var refused = await Cli.RunAsync("restore", "--from", _backup, Cli.Data(data));
        Assert.That(refused.Code, Is.EqualTo(2));
        Assert.That(refused.Error, Does.Contain("--force"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(data, "kernel.db")), Is.EqualTo("old"));

        var forced = await Cli.RunAsync("restore", "--from", _backup, "--force", Cli.Data(data));
        Assert.That(forced.Code, Is.EqualTo(0), forced.Error);
        Assert.That(SqliteFacts.Sha256(Path.Combine(data, "kernel.db")), Is.EqualTo(_manifest.Files.Single(f => f.Path == "kernel.db").Sha256));
    }
}
