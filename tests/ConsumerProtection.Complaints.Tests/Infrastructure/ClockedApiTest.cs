using ConsumerProtection.Host.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Infrastructure;

/// <summary>
/// A fresh host per test on a fake clock that starts just after <see cref="Received"/>: Monday 2026-03-02 09:00
/// Shanghai, in a month without public holidays, so the deadlines are easy to state.
/// </summary>
internal abstract class ClockedApiTest
{
    protected static readonly DateTimeOffset Received = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    protected FakeTimeProvider Time { get; private set; } = null!;

    protected ApiFactory Factory { get; private set; } = null!;

    protected HttpClient Admin { get; private set; } = null!;

    [SetUp]
    public void StartHost()
    {
        Time = new FakeTimeProvider(Received.AddMinutes(5));
        Factory = new ApiFactory(time: Time);
        Admin = Factory.Admin();
    }

    [TearDown]
    public void StopHost()
    {
        Admin.Dispose();
        Factory.Dispose();
    }

    /// <summary>Sets the clock to a local Shanghai time in 2026.</summary>
    protected void At(int month, int day, int hour) => Time.SetUtcNow(new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8)));
}
