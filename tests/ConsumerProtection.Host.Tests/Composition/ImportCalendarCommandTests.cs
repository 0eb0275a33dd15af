using ConsumerProtection.Host.Tests.Time;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Host.Tests.Composition;

/// <summary>The <c>import-calendar &lt;file&gt;</c> verb, run through the host's real entry point on a fresh data folder.</summary>
public sealed class ImportCalendarCommandTests
{
    private string _data = null!;

    [SetUp]
    public void Create() => _data = Path.Combine(Path.GetTempPath(), "cp-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void Remove()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Best effort, as ApiFactory does.
        }
    }

    private int Run(string file) =>
        (int)typeof(Program).Assembly.EntryPoint!.Invoke(null, [new[] { "import-calendar", file, "--Storage:DataDirectory", _data, "--Logging:LogLevel:Default", "Warning" }])!;

    private long? Version(int year)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_data, "kernel.db"), Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT version FROM calendar_year WHERE year = $y";
        cmd.Parameters.AddWithValue("$y", year);
        return cmd.ExecuteScalar() as long?;
    }

    [Test]
    public void ImportCalendar_ValidFile_StoresTheYear_AfterTheShippedOnes()
    {
        Directory.CreateDirectory(_data);
        var file = Path.Combine(_data, "cn-2027.json");
        File.WriteAllText(file, CalendarFiles.Test2027);
        Assert.That(Run(file), Is.Zero);
        Assert.That((Version(2026), Version(2027)), Is.EqualTo(((long?)1, (long?)1)));
    }

    [Test]
    public void ImportCalendar_InvalidFile_Exits2_AndStoresNothing()
    {
        Directory.CreateDirectory(_data);
        var file = Path.Combine(_data, "bad.json");
        File.WriteAllText(file, CalendarFiles.Test2027.Replace("\"2027-01-03\"", "\"2027-01-40\"", StringComparison.Ordinal));
        Assert.That(Run(file), Is.EqualTo(2));
        Assert.That(File.Exists(Path.Combine(_data, "kernel.db")), Is.False, "validated before the database is touched");
    }
}
