using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;

/// <summary>The real host as a separate OS process (so a test can kill it hard), on a given data folder.</summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public static async Task<HostProcess> StartAsync(string dataDirectory, string adminKey, IDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var hostDll = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet", [hostDll])
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Storage__DataDirectory"] = dataDirectory;
        info.Environment["Auth__BootstrapAdminKey"] = adminKey;
        info.Environment["RateLimiting__PermitsPerSecond"] = "1000000";
        info.Environment["RateLimiting__Burst"] = "1000000";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // The PI log alone, as the in-process test hosts of this project start it.
        info.Environment["Modules__Enabled"] = "PersonalInfoAccess";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[k.Replace(":", "__", StringComparison.Ordinal)] = v;
        }

        var process = Process.Start(info)!;
        // Drain the pipes so the host never blocks on a full stdout.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await host.WaitReadyAsync();
        return host;
    }

    private async Task WaitReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 300; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} during start-up.");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow first answer.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The host did not become ready within 60 s.");
    }

    /// <summary>SIGTERM, as a service manager stops the host; waits (bounded) for the process to exit and returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan bound)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(bound);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — what a power cut or an OOM kill does to the process.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(30_000);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }
}
