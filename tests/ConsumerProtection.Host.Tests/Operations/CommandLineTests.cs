using ConsumerProtection.Host.Cli;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Host.Tests.Operations;

/// <summary>Issue 13 §2: one command line with help, typed options, clear errors and exit codes.</summary>
[NonParallelizable]
public sealed class CommandLineTests
{
    private readonly List<string> _folders = [];

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string Folder(string kind)
    {
        var folder = Cli.TempFolder(kind);
        _folders.Add(folder);
        return folder;
    }

    [Test]
    public async Task Help_ListsEveryVerb()
    {
        var (code, output, _) = await Cli.RunAsync("--help", Cli.Data(Folder("help")));
        Assert.That(code, Is.EqualTo(0));
        foreach (var verb in new[] { "migrate", "seed", "backup", "restore", "verify" })
        {
            Assert.That(output, Does.Contain("  " + verb + " "), verb);
        }
    }

    [TestCase(new[] { "seed", "--complaints", "many" }, "--complaints")]
    [TestCase(new[] { "seed", "--months", "0", "--complaints", "5" }, "--months")]
    [TestCase(new[] { "seed", "--complaints", "-3" }, "--complaints")]
    [TestCase(new[] { "seed" }, "--complaints")]
    [TestCase(new[] { "seed", "--nonsense", "5" }, "--nonsense")]
    [TestCase(new[] { "backup" }, "--to")]
    [TestCase(new[] { "restore", "--from", "/nonexistent/backup" }, "/nonexistent/backup")]
    [TestCase(new[] { "restore", "--from", "/tmp", "--manifest-sha256", "abc" }, "--manifest-sha256")]
    [TestCase(new[] { "verify", "--manifest", "/nonexistent/manifest.json" }, "/nonexistent/manifest.json")]
    [TestCase(new[] { "frobnicate" }, "frobnicate")]
    public async Task BadInput_ExitsTwoNamingTheOption(string[] args, string named)
    {
        var (code, _, error) = await Cli.RunAsync([.. args, Cli.Data(Folder("bad"))]);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage), error);
        Assert.That(error, Does.Contain(named));
    }

    [Test]
    public async Task BadSettings_ExitTwoNamingEachSetting()
    {
        var (code, _, error) = await Cli.RunAsync("migrate", Cli.Data(Folder("settings")),
            "--Complaints:DeadlineJobBatchSize", "0", "--PiAccess:MaxBatchSize", "0");
        Assert.That(code, Is.EqualTo(ExitCodes.Usage), error);
        Assert.That(error, Does.Contain("Complaints:DeadlineJobBatchSize").And.Contain("PiAccess:MaxBatchSize"));
    }

    [Test]
    public async Task Backup_IntoNonEmptyFolder_ExitsTwo()
    {
        var target = Folder("target");
        Directory.CreateDirectory(target);
        await File.WriteAllTextAsync(Path.Combine(target, "x"), "x");
        var (code, _, error) = await Cli.RunAsync("backup", "--to", target, Cli.Data(Folder("data")));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--to"));
    }

    [Test]
    public async Task Verify_IntactThenEditedAuditRow_ExitsZeroThenOneNamingTheChain()
    {
        var data = Folder("verify");
        var seeded = await Cli.RunAsync("seed", "--complaints", "5", Cli.Data(data));
        Assert.That(seeded.Code, Is.EqualTo(0), seeded.Error);
        var intact = await Cli.RunAsync("verify", Cli.Data(data));
        Assert.That(intact.Code, Is.EqualTo(0), intact.Out + intact.Error);
        Assert.That(intact.Out, Does.Contain("ok complaints.audit_log"));

        using (var c = new SqliteConnection($"Data Source={Path.Combine(data, "complaints.db")};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            // An attacker with the file can drop the append-only trigger; the chain still tells.
            cmd.CommandText = "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 1";
            Assert.That(cmd.ExecuteNonQuery(), Is.EqualTo(1));
        }

        var broken = await Cli.RunAsync("verify", Cli.Data(data));
        Assert.That(broken.Code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(broken.Out, Does.Contain("BROKEN complaints.audit_log at seq 1"));
    }

    [Test]
    public void Split_HostSettingsGoToConfigurationAnywhere()
    {
        var (verb, settings) = HostCommandLine.Split(["seed", "--Storage:DataDirectory", "/d", "--complaints", "5", "--Logging:LogLevel:Default=Warning"]);
        Assert.That(verb, Is.EqualTo(new[] { "seed", "--complaints", "5" }));
        Assert.That(settings, Is.EqualTo(new[] { "--Storage:DataDirectory", "/d", "--Logging:LogLevel:Default=Warning" }));
    }

    [TestCase(new string[0], false)]
    [TestCase(new[] { "--urls", "http://127.0.0.1:5000" }, false)]
    [TestCase(new[] { "--Storage:DataDirectory", "/d" }, false)]
    [TestCase(new[] { "migrate" }, true)]
    [TestCase(new[] { "--help" }, true)]
    public void NoVerb_StartsTheWebHost(string[] args, bool verb) => Assert.That(HostCommandLine.IsVerb(args), Is.EqualTo(verb));
}
