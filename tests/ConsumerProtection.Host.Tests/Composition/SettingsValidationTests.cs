using ConsumerProtection.Host.Tests.Infrastructure;

namespace ConsumerProtection.Host.Tests.Composition;

/// <summary>Settings are validated through IValidateOptions: a host with bad settings refuses to start, naming each one.</summary>
public sealed class SettingsValidationTests
{
    [Test]
    public void BadSettings_StopStartUp_NamingEverySettingThatIsWrong()
    {
        using var api = new ApiFactory(new()
        {
            ["Complaints:DeadlineJobBatchSize"] = "0",
            ["Complaints:Policy:Name"] = "",
            ["PiAccess:MaxBatchSize"] = "0",
            ["Retention:DefaultYears"] = "2",
        });
        var text = Describe(Assert.Catch(() => _ = api.Server)!);
        Assert.That(text, Does.Contain("Complaints:DeadlineJobBatchSize").And.Contain("Complaints:Policy:Name")
            .And.Contain("PiAccess:MaxBatchSize").And.Contain("Retention:DefaultYears"), text);
        Assert.That(text, Does.Not.Contain("see the README").And.Not.Contain("settings are invalid"), text);
    }

    [Test]
    public void BadCalendarSettings_StopStartUp_NamingEachOne()
    {
        using var api = new ApiFactory(new() { ["Calendar:WatchIntervalMinutes"] = "0", ["Calendar:TimeZone"] = "Mars/Olympus_Mons" });
        var text = Describe(Assert.Catch(() => _ = api.Server)!);
        Assert.That(text, Does.Contain("Calendar:WatchIntervalMinutes").And.Contain("Calendar:TimeZone 'Mars/Olympus_Mons'"), text);
    }

    [Test]
    public void GoodSettings_Start()
    {
        using var api = new ApiFactory(new() { ["Complaints:DeadlineJobBatchSize"] = "100", ["Calendar:WatchIntervalMinutes"] = "30" });
        Assert.DoesNotThrow(() => _ = api.Server);
    }

    /// <summary>An exception and its inner ones as one line (start-up failures arrive wrapped).</summary>
    internal static string Describe(Exception error) => error switch
    {
        AggregateException many => string.Join(" | ", many.InnerExceptions.Select(Describe)),
        _ => error.Message + (error.InnerException is { } inner ? " | " + Describe(inner) : ""),
    };
}
