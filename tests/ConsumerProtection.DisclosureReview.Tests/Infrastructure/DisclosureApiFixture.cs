namespace ConsumerProtection.DisclosureReview.Tests.Infrastructure;

/// <summary>One <see cref="DisclosureApi"/> host per test class.</summary>
public abstract class DisclosureApiFixture
{
    private protected DisclosureApi _api = null!;

    [OneTimeSetUp]
    public async Task StartApi() => _api = await DisclosureApi.StartAsync();

    [OneTimeTearDown]
    public void StopApi() => _api.Dispose();
}
