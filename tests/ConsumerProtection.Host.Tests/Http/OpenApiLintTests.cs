using System.ComponentModel;
using System.Diagnostics;
using ConsumerProtection.Host.Tests.Infrastructure;

namespace ConsumerProtection.Host.Tests.Http;

/// <summary>
/// The generated OpenAPI document passes Redocly's <c>recommended</c> ruleset with no errors and no warnings
/// (operation summaries, unambiguous paths, 4xx answers, tag descriptions, licence, servers). Redocly runs through
/// npx at a pinned version, so the rules cannot change under the build.
/// </summary>
public sealed class OpenApiLintTests
{
    private const string RedoclyCli = "@redocly/cli@2.77.0";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Test]
    public async Task OpenApiDocument_PassesRedoclyRecommended_WithNoErrorsOrWarnings()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cp-tests", "openapi-lint-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "openapi.json");
            using (var factory = new ApiFactory())
            using (var client = factory.CreateClient())
            {
                // The document's server URL is the requested host; the test server's default "localhost" would
                // (rightly) trip no-server-example.com, so ask as a caller reaching the host by address would.
                client.BaseAddress = new Uri("http://127.0.0.1/");
                await File.WriteAllTextAsync(file, await client.GetStringAsync("/openapi/v1.json"));
            }

            var (exitCode, output) = await RunAsync(
                OperatingSystem.IsWindows() ? "npx.cmd" : "npx",
                ["--yes", RedoclyCli, "lint", file, "--extends=recommended", "--format=stylish", "--max-problems", "400"],
                folder);

            // Redocly exits 0 when there are only warnings ("You have 1 warning."), so those are read from its output.
            Assert.That(exitCode, Is.EqualTo(0), "Redocly lint of /openapi/v1.json failed:\n" + output);
            Assert.That(output, Does.Contain("Your API description is valid"), output);
            Assert.That(output, Does.Not.Match(@"\bwarning\s+[a-z0-9-]+\s|You have \d+ warnings?"), "Redocly reported warnings:\n" + output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        start.Environment["npm_config_update_notifier"] = "false";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"'{program}' did not start.");
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"'{program}' was not found ({e.Message}). The OpenAPI lint needs Node.js with npx on PATH "
                + $"(it runs {RedoclyCli} through npx).");
            throw;
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Assert.Fail($"npx {RedoclyCli} did not finish within {Limit.TotalMinutes} minutes:\n{await stdout}\n{await stderr}");
            }

            return (process.ExitCode, (await stdout) + "\n" + (await stderr));
        }
    }
}
