namespace ConsumerProtection.Host.Tests.Infrastructure;

internal sealed partial class ApiFactory
{
    // Training (and the PI log it depends on), never the other modules.
    private static partial string[]? DefaultModules() => ["Training"];
}
