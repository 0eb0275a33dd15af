using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Chain;

/// <summary>A host per test on a fake clock, a system client that appends and an auditor that verifies; seeds <see cref="Seeded"/> events.</summary>
public abstract class ChainFixture
{
    private protected FakeTimeProvider Time { get; private set; } = null!;

    private protected ApiFactory Api { get; private set; } = null!;

    private protected HttpClient Appender { get; private set; } = null!;

    private protected HttpClient Auditor { get; private set; } = null!;

    /// <summary>Events appended before each test (in batches of 250).</summary>
    protected virtual int Seeded => 0;

    /// <summary>Settings for the host, if any.</summary>
    protected virtual Dictionary<string, string?>? Settings => null;

    [SetUp]
    public async Task StartHost()
    {
        Time = new FakeTimeProvider(PiEvents.Now);
        Api = new ApiFactory(Settings, Time);
        Appender = await Api.SystemClientAsync();
        Auditor = await Api.ReaderAsync(Role.Auditor);
        if (Seeded > 0)
        {
            await Appender.SeedAsync(Seeded, batch: 250);
        }
    }

    [TearDown]
    public void StopHost()
    {
        Appender.Dispose();
        Auditor.Dispose();
        Api.Dispose();
    }
}
