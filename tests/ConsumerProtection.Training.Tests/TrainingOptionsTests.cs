using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.Training;

namespace ConsumerProtection.Training.Tests;

/// <summary>
/// Training settings go through the kernel's settings rules: a host with bad <c>Training:</c> settings refuses to start,
/// naming every bad setting by its configuration path, not a generic "settings are invalid".
/// </summary>
public sealed class TrainingOptionsTests
{
    [Test]
    public void BadSettings_StopStartUp_NamingEverySettingThatIsWrong()
    {
        using var api = new ApiFactory(new()
        {
            ["Training:MaxImportBytes"] = "100",
            ["Training:MaxUncompressedBytes"] = "5000000000",
            ["Training:MaxImportRows"] = "0",
            ["Training:DueSoonDays"] = "367",
        });
        var text = Describe(Assert.Catch(() => _ = api.Server)!);
        Assert.That(text, Does.Contain("Training:MaxImportBytes").And.Contain("Training:MaxUncompressedBytes")
            .And.Contain("Training:MaxImportRows").And.Contain("Training:DueSoonDays"), text);
        Assert.That(text, Does.Not.Contain("settings are invalid").And.Not.Contain("see Modules/Training/README.md"), text);
    }

    [Test]
    public void UnreadableSetting_StopsStartUp_NamingIt()
    {
        using var api = new ApiFactory(new() { ["Training:DueSoonDays"] = "soon" });
        var text = Describe(Assert.Catch(() => _ = api.Server)!);
        Assert.That(text, Does.Contain("Training:DueSoonDays"), text);
    }

    [Test]
    public void UncompressedLimitBelowFileLimit_IsAViolation_NamingIt()
    {
        var options = new TrainingOptions { MaxImportBytes = 2 * 1024 * 1024, MaxUncompressedBytes = 1024 * 1024 };
        Assert.That(options.Violations(), Has.One.Items.And.Some.StartsWith("Training:MaxUncompressedBytes"));
    }

    [Test]
    public void Defaults_AreValid_AndGoodSettingsStart()
    {
        Assert.That(new TrainingOptions().Violations(), Is.Empty);
        using var api = new ApiFactory(new() { ["Training:DueSoonDays"] = "60", ["Training:MaxImportRows"] = "1000" });
        Assert.DoesNotThrow(() => _ = api.Server);
    }

    private static string Describe(Exception error) => error switch
    {
        AggregateException many => string.Join(" | ", many.InnerExceptions.Select(Describe)),
        _ => error.Message + (error.InnerException is { } inner ? " | " + Describe(inner) : ""),
    };
}
