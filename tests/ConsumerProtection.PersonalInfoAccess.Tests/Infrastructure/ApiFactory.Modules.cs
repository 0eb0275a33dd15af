namespace ConsumerProtection.Host.Tests.Infrastructure;

internal sealed partial class ApiFactory
{
    // The PI log alone; tests of what Complaints records there name both.
    private static partial string[]? DefaultModules() => ["PersonalInfoAccess"];
}
