using ConsumerProtection.Host.Tests.Infrastructure;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Misuse;

public sealed class SettingsTests
{
    [TestCase("PiAccess:Misuse:IntervalSeconds", "0")]
    [TestCase("PiAccess:Misuse:DistinctCustomers:Threshold", "0")]
    [TestCase("PiAccess:Misuse:OffHours:WorkingHoursStart", "8am")]
    [TestCase("PiAccess:Misuse:OffHours:WorkingHoursEnd", "07:00")]
    [TestCase("PiAccess:Misuse:CreditReportWithoutAuthorization:Categories:0", "shoe-size")]
    [TestCase("PiAccess:Misuse:C3Access:AllowedRoles:0", " ")]
    public void BadSetting_FailsStartNamingIt(string key, string value)
    {
        using var api = new ApiFactory(new() { [key] = value });
        var ex = Assert.Catch(() => _ = api.Server);
        var named = key.EndsWith(":0", StringComparison.Ordinal) ? key[..^2] : key;
        Assert.That(ex!.ToString(), Does.Contain(named));
    }
}
