namespace ConsumerProtection.Host.Tests.Infrastructure;

internal sealed partial class ApiFactory
{
    // Host tests walk every route (role matrix, OpenAPI lint, strict enums, generated client): every module.
    private static partial string[]? DefaultModules() => null;
}
