namespace ConsumerProtection.Host.Tests.Infrastructure;

internal sealed partial class ApiFactory
{
    // Disclosure review alone.
    private static partial string[]? DefaultModules() => ["DisclosureReview"];
}
