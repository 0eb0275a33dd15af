using ConsumerProtection.Modules.PersonalInfoAccess;

namespace ConsumerProtection.PersonalInfoAccess.Tests;

/// <summary>A configured category tier is exactly one of C1, C2, C3: "C1,C2" or "2" would be OR-ed into another tier.</summary>
public sealed class PersonalInfoAccessOptionsTests
{
    [TestCase("C1,C2")]
    [TestCase("C2, C3")]
    [TestCase("2")]
    [TestCase("c3")]
    public void Categories_TierNotExactlyOneName_IsAViolation(string tier)
    {
        var options = new PersonalInfoAccessOptions();
        options.Categories["payroll"] = tier;
        Assert.That(options.Violations(), Has.Some.Contains("PiAccess:Categories:payroll"));
    }

    [Test]
    public void Categories_ExactTier_IsValid()
    {
        var options = new PersonalInfoAccessOptions();
        options.Categories["payroll"] = "C2";
        Assert.That(options.Violations(), Is.Empty);
    }
}
