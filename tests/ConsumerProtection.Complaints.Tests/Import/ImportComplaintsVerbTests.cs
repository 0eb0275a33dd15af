using System.Text;
using ConsumerProtection.Host.Cli;
using ConsumerProtection.Host.Tests.Infrastructure;

namespace ConsumerProtection.Complaints.Tests.Import;

/// <summary>The <c>import-complaints</c> host verb: the same import from the shell, with progress.</summary>
public sealed class ImportComplaintsVerbTests
{
    private ApiFactory _factory = null!;
    private string _data = "";
    private string _file = "";

    private static string Sample([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        File.ReadAllText(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../Modules/Complaints/samples/history-import-from-cfpb.csv")));

    [SetUp]
    public void Install()
    {
        _factory = new ApiFactory();
        _ = _factory.Server; // migrates the fresh data folder (removed again when the factory is disposed)
        _data = _factory.DataDirectory;
        _file = Path.Combine(_data, "history.csv");
    }

    [TearDown]
    public void Remove() => _factory.Dispose();

    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await HostCommandLine.RunAsync([.. args, "--Logging:LogLevel:Default", "Warning"], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Test]
    public async Task ImportComplaints_DryRunThenReal_ReportsProgress_SecondRunSkipsAll()
    {
        await File.WriteAllTextAsync(_file, Sample(), Encoding.UTF8);
        var dry = await RunAsync("import-complaints", _file, "--dry-run", "--Storage:DataDirectory=" + _data);
        Assert.That(dry.Code, Is.EqualTo(0), dry.Error);
        Assert.That(dry.Out, Does.Contain("10 records, 10 new, 0 imported").And.Contain("dry run"));

        var real = await RunAsync("import-complaints", _file, "--Storage:DataDirectory=" + _data);
        Assert.That(real.Code, Is.EqualTo(0), real.Error);
        Assert.That(real.Out, Does.Contain("import-complaints: 1/10 complaints").And.Contain("import-complaints: 10/10 complaints"));
        Assert.That(real.Out, Does.Contain("10 imported"));

        var again = await RunAsync("import-complaints", _file, "--Storage:DataDirectory=" + _data);
        Assert.That(again.Out, Does.Contain("0 imported, 10 already imported"));
    }

    [Test]
    public async Task ImportComplaints_BadRecord_Exit1_ListsLineAndField_StoresNothing()
    {
        await File.WriteAllTextAsync(_file, Sample().Replace("PhoneHotline", "Telephone", StringComparison.Ordinal), Encoding.UTF8);
        var run = await RunAsync("import-complaints", _file, "--Storage:DataDirectory=" + _data);
        Assert.That(run.Code, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain("line 3, intakeChannel:"));
        Assert.That(run.Out, Does.Contain("0 imported"));
    }
}
