using System.Diagnostics;
using ConsumerProtection.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Host.Tests.Operations;

/// <summary>
/// Issue 13 §4: a module file missing or damaged in a folder that holds an installation stops the real host process,
/// naming the file, instead of starting on a fresh empty database; a module never installed (added by an upgrade) is
/// installed as usual.
/// </summary>
[NonParallelizable]
public sealed class StartupRefusalTests
{
    private string _data = null!;

    [SetUp]
    public async Task Install()
    {
        _data = Cli.TempFolder("install");
        var (code, _, error) = await Cli.RunAsync("migrate", Cli.Data(_data));
        Assert.That(code, Is.EqualTo(0), error);
        SqliteConnection.ClearAllPools();
    }

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Test]
    public async Task MissingModuleFile_HostRefusesNamingIt()
    {
        File.Delete(Path.Combine(_data, "complaints.db"));
        var (code, error) = await RunHostToExitAsync();
        Assert.That(code, Is.EqualTo(1), error);
        Assert.That(error, Does.Contain("start-up refused").And.Contain(Path.Combine(_data, "complaints.db")).And.Contain("missing"));
        Assert.That(File.Exists(Path.Combine(_data, "complaints.db")), Is.False, "no fresh empty file was made");
    }

    [Test]
    public async Task OverwrittenModuleFile_HostRefusesNamingIt()
    {
        await using (var stream = new FileStream(Path.Combine(_data, "piaccess.db"), FileMode.Open, FileAccess.Write))
        {
            await stream.WriteAsync(new byte[4096]);
        }

        var (code, error) = await RunHostToExitAsync();
        Assert.That(code, Is.EqualTo(1), error);
        Assert.That(error, Does.Contain(Path.Combine(_data, "piaccess.db")).And.Contain("not a SQLite database"));
    }

    [Test]
    public async Task MissingKernelWithModuleData_HostRefusesNamingKernel()
    {
        File.Delete(Path.Combine(_data, "kernel.db"));
        var (code, error) = await RunHostToExitAsync();
        Assert.That(code, Is.EqualTo(1), error);
        Assert.That(error, Does.Contain(Path.Combine(_data, "kernel.db")));
    }

    [Test]
    public async Task ModuleNeverInstalled_IsInstalledAtStartUp()
    {
        // An installation from before the access log existed: no file, and the kernel never recorded the schema.
        File.Delete(Path.Combine(_data, "piaccess.db"));
        using (var c = new SqliteConnection($"Data Source={Path.Combine(_data, "kernel.db")};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DELETE FROM installed_schema WHERE schema_name = 'piaccess'";
            Assert.That(cmd.ExecuteNonQuery(), Is.EqualTo(1));
        }

        using var api = new ApiFactory(dataDirectory: _data);
        using var client = api.CreateClient();
        Assert.That((int)(await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(200));
        using var kernel = api.OpenFile("kernel");
        using var check = kernel.CreateCommand();
        check.CommandText = "SELECT COUNT(*) FROM installed_schema WHERE schema_name = 'piaccess'";
        Assert.That(check.ExecuteScalar(), Is.EqualTo(1L), "now recorded as installed");
        Assert.That(new FileInfo(Path.Combine(_data, "piaccess.db")).Length, Is.GreaterThan(0));
    }

    // The real host as a process: it must exit on its own (bounded wait), with its stderr.
    private async Task<(int Code, string Error)> RunHostToExitAsync()
    {
        var hostDll = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet", [hostDll])
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["Storage__DataDirectory"] = _data;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the host did not stop on its own: it started on a damaged data folder");
        }

        return (process.ExitCode, await stderr + await stdout);
    }
}
