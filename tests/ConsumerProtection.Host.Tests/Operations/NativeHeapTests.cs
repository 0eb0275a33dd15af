using System.Text.Json;
using ConsumerProtection.Host.Operations;

namespace ConsumerProtection.Host.Tests.Operations;

/// <summary>The host's process-memory settings (ADR 0009): the glibc arena cap and trim, the GC options it ships.</summary>
[TestFixture]
[NonParallelizable] // sets MALLOC_ARENA_MAX for the process
public class NativeHeapTests
{
    [Test]
    public void Caps_glibc_arenas_on_linux_unless_the_operator_set_them()
    {
        var before = Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX");
        try
        {
            Environment.SetEnvironmentVariable("MALLOC_ARENA_MAX", null);
            // This machine and CI run Linux with glibc, where mallopt answers 1 for a value it accepted.
            Assert.That(NativeHeap.LimitArenas(), Is.EqualTo(OperatingSystem.IsLinux()));

            Environment.SetEnvironmentVariable("MALLOC_ARENA_MAX", "4");
            Assert.That(NativeHeap.LimitArenas(), Is.False, "the operator's MALLOC_ARENA_MAX wins");
        }
        finally
        {
            Environment.SetEnvironmentVariable("MALLOC_ARENA_MAX", before);
        }
    }

    [Test]
    public void Refuses_a_cap_below_one() =>
        Assert.That(() => NativeHeap.LimitArenas(0), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public async Task The_trimmer_trims_every_interval_and_stops_where_there_is_nothing_to_trim()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var calls = 0;
        var answer = true;
        using var trimmer = new NativeHeapTrimmer(time, () => { calls++; return answer; });
        await trimmer.StartAsync(CancellationToken.None);

        time.Advance(NativeHeapTrimmer.Interval - TimeSpan.FromSeconds(1));
        Assert.That(calls, Is.Zero, "nothing before the first interval");
        for (var expected = 1; expected <= 2; expected++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await WaitFor(() => calls == expected);
            time.Advance(NativeHeapTrimmer.Interval - TimeSpan.FromSeconds(1));
        }

        answer = false; // not glibc: the service ends
        time.Advance(TimeSpan.FromSeconds(1));
        await WaitFor(() => trimmer.ExecuteTask!.IsCompleted);
        time.Advance(NativeHeapTrimmer.Interval * 3);
        Assert.That(calls, Is.EqualTo(3));
        Assert.That(trimmer.Runs, Is.EqualTo(2));
        await trimmer.StopAsync(CancellationToken.None);
    }

    [Test]
    public void Trim_runs_on_linux() => Assert.That(NativeHeap.Trim(), Is.EqualTo(OperatingSystem.IsLinux()));

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.That(condition(), Is.True);
    }

    [Test]
    public void The_host_ships_its_gc_settings()
    {
        // The host's runtimeconfig is copied next to the tests with the host assembly.
        var path = Path.Combine(AppContext.BaseDirectory, "ConsumerProtection.Host.runtimeconfig.json");
        Assert.That(File.Exists(path), Is.True, path);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var properties = doc.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.That(properties.GetProperty("System.GC.ConserveMemory").GetInt32(), Is.EqualTo(9));
        Assert.That(properties.GetProperty("System.GC.Server").GetBoolean(), Is.False);
    }

    [Test]
    public void Runtime_env_ships_beside_the_host_and_dotnet_run_sets_the_same_values()
    {
        var shipped = ReadEnvFile(Path.Combine(AppContext.BaseDirectory, "runtime.env"));
        Assert.That(shipped, Does.ContainKey("DOTNET_GCgen0size"));
        // Parsed the way the runtime does (hex), the budget is 16 MiB.
        Assert.That(Convert.ToInt64(shipped["DOTNET_GCgen0size"], 16), Is.EqualTo(16L << 20));

        var launch = Path.Combine(RepoRoot(), "Host", "ConsumerProtection.Host", "Properties", "launchSettings.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(launch));
        var env = doc.RootElement.GetProperty("profiles").GetProperty("ConsumerProtection.Host").GetProperty("environmentVariables");
        foreach (var (name, value) in shipped)
        {
            Assert.That(env.TryGetProperty(name, out var set) ? set.GetString() : null, Is.EqualTo(value), name);
        }
    }

    private static Dictionary<string, string> ReadEnvFile(string path)
    {
        Assert.That(File.Exists(path), Is.True, path);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var eq = text.IndexOf('=', StringComparison.Ordinal);
            Assert.That(eq, Is.GreaterThan(0), $"not NAME=value: {text}");
            values[text[..eq]] = text[(eq + 1)..];
        }

        return values;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsumerProtection.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("ConsumerProtection.sln not found above the test folder");
    }
}
