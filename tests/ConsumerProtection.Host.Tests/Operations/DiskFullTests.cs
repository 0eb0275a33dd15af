using System.Diagnostics;
using System.Net.Http.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Host.Tests.Operations;

/// <summary>
/// Issue 13 §4: the data folder on a small tmpfs that the test mounts (the test machine runs as root). Filling the
/// disk turns writes into 507 problems; acknowledged data stays readable; freeing space lets writes succeed again
/// without a restart.
/// </summary>
[NonParallelizable]
public sealed class DiskFullTests
{
    private string _mount = null!;

    [SetUp]
    public void Mount()
    {
        _mount = Cli.TempFolder("diskfull");
        Directory.CreateDirectory(_mount);
        Assert.That(Run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", _mount), Is.EqualTo(0), "this test mounts a tmpfs (needs root)");
    }

    [TearDown]
    public void Unmount()
    {
        SqliteConnection.ClearAllPools();
        Run("umount", "-l", _mount);
        Directory.Delete(_mount, recursive: true);
    }

    [Test]
    public async Task DiskFull_WritesAnswer507_AcknowledgedDataIntact_RecoversWhenSpaceIsFreed()
    {
        using var api = new ApiFactory(dataDirectory: Path.Combine(_mount, "data"));
        using var admin = api.Admin();
        var first = await admin.PostAsJsonAsync("/api/v1/complaints", Cli.Complaint());
        Assert.That((int)first.StatusCode, Is.EqualTo(201));
        var location = first.Headers.Location!.ToString();

        var filler = Path.Combine(_mount, "filler");
        Fill(filler);
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 2000 && refused is null; i++)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/complaints", Cli.Complaint());
            if ((int)response.StatusCode != 201)
            {
                refused = response;
            }
            else
            {
                Fill(filler); // a checkpoint may have freed pages inside the files; take that space too
            }
        }

        Assert.That(refused, Is.Not.Null, "writes were refused once the disk was full");
        await HttpAssert.Problem(refused!, 507);
        Assert.That((int)(await admin.GetAsync(location)).StatusCode, Is.EqualTo(200), "acknowledged data is intact");

        File.Delete(filler);
        var again = await admin.PostAsJsonAsync("/api/v1/complaints", Cli.Complaint());
        Assert.That((int)again.StatusCode, Is.EqualTo(201), await again.Content.ReadAsStringAsync());
    }

    // Appends to the filler until the file system has no byte left.
    private static void Fill(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write);
            var block = new byte[64 * 1024];
            while (true)
            {
                stream.Write(block);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    private static int Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, UseShellExecute = false })!;
        process.WaitForExit(30_000);
        return process.ExitCode;
    }
}
