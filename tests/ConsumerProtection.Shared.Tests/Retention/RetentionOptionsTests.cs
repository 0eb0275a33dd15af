using ConsumerProtection.Shared.Retention;

namespace ConsumerProtection.Shared.Tests.Retention;

internal sealed class RetentionOptionsTests
{
    [Test]
    public void Violations_Defaults_None()
    {
        var options = new RetentionOptions();

        Assert.That(options.DefaultYears, Is.EqualTo(RetentionOptions.MinimumYears));
        Assert.That(options.Violations(), Is.Empty);
    }

    [Test]
    public void Violations_LongerPeriodsAndExactMinimum_None()
    {
        var options = new RetentionOptions
        {
            DefaultYears = 5,
            RecordTypes = { ["complaint"] = 10, ["training"] = RetentionOptions.MinimumYears },
        };

        Assert.That(options.Violations(), Is.Empty);
    }

    [Test]
    public void Violations_RecordTypeShorterThanMinimum_NamesSettingAndMinimum()
    {
        var options = new RetentionOptions { RecordTypes = { ["complaint"] = 2, ["training"] = 4 } };

        var violations = options.Violations().ToList();

        Assert.That(violations, Has.Count.EqualTo(1));
        Assert.That(violations[0], Does.Contain("Retention:RecordTypes:complaint"));
        Assert.That(violations[0], Does.Contain("is 2"));
        Assert.That(violations[0], Does.Contain("at least 3 years"));
    }

    [Test]
    public void Violations_DefaultYearsShorterThanMinimum_NamesSetting()
    {
        var violations = new RetentionOptions { DefaultYears = 1 }.Violations().ToList();

        Assert.That(violations, Has.Count.EqualTo(1));
        Assert.That(violations[0], Does.Contain("Retention:DefaultYears"));
        Assert.That(violations[0], Does.Contain("at least 3 years"));
    }

    [Test]
    public void Violations_SeveralShortSettings_OneMessageEach()
    {
        var options = new RetentionOptions
        {
            DefaultYears = 0,
            RecordTypes = { ["complaint"] = 2, ["disclosure-review"] = -1 },
            DisposalIntervalMinutes = 0,
        };

        var violations = options.Violations().ToList();

        Assert.That(violations, Has.Count.EqualTo(4));
        Assert.That(violations, Has.Some.Contains("Retention:RecordTypes:disclosure-review"));
        Assert.That(violations, Has.Some.Contains("Retention:DisposalIntervalMinutes"));
    }

    [Test]
    public void YearsFor_TypeWithOwnSetting_ThatSettingElseDefault()
    {
        var options = new RetentionOptions { DefaultYears = 4, RecordTypes = { ["complaint"] = 7 } };

        Assert.That(options.YearsFor("complaint"), Is.EqualTo(7));
        Assert.That(options.YearsFor("training"), Is.EqualTo(4));
    }
}
