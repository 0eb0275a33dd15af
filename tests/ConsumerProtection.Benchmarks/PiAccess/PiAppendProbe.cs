using System.Diagnostics;

namespace ConsumerProtection.Benchmarks.PiAccess;

/// <summary>
/// <c>dotnet ConsumerProtection.Benchmarks.dll pi-append-probe [batches] [batchSize]</c>: appends batches straight
/// through <see cref="PiAppendBenchmarks"/> and prints wall time and this process's CPU time per event — CPU time
/// per event stays meaningful when other work shares the cores, where BenchmarkDotNet's wall-clock mean does not.
/// </summary>
internal static class PiAppendProbe
{
    public static async Task RunAsync(string[] args)
    {
        var batches = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100;
        if (args.Length > 2 && args[2] == "managed")
        {
            Managed(batches);
            return;
        }

        var bench = new PiAppendBenchmarks();
        bench.Setup();
        try
        {
            await bench.Append1000();
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var user0 = process.UserProcessorTime;
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < batches; i++)
            {
                await bench.Append1000();
            }

            wall.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpu0;
            var user = process.UserProcessorTime - user0;
            var events = batches * PiAppendBenchmarks.BatchSize;
            Console.WriteLine(FormattableString.Invariant(
                $"{events:N0} events in {batches} commits: wall {wall.Elapsed.TotalMilliseconds / events * 1000:F1} µs/event ({events / wall.Elapsed.TotalSeconds:N0} events/s), CPU {cpu.TotalMilliseconds / events * 1000:F1} µs/event (user {user.TotalMilliseconds / events * 1000:F1})"));
        }
        finally
        {
            bench.Cleanup();
        }
    }

    // The managed part alone, no database: payload text, the hashes and the instant/id texts. Payload v1 (one hash over
    // every field, before migration 0005) and v2 (random salt, personal hash, payload hash) in the same run.
    private static void Managed(int batches)
    {
        var bench = new PiAppendBenchmarks();
        var events = bench.Templates();
        Span<byte> h = stackalloc byte[32];
        Span<byte> personal = stackalloc byte[32];
        Span<byte> salt = stackalloc byte[16];
        var row = new byte[32];
        foreach (var v2 in new[] { false, true, false, true })
        {
            var sw = Stopwatch.StartNew();
            var user0 = Process.GetCurrentProcess().UserProcessorTime;
            var n = 0L;
            for (var b = 0; b < batches; b++)
            {
                foreach (var e in events)
                {
                    var p = ConsumerProtection.Modules.PersonalInfoAccess.Domain.StoredPayload.From(e);
                    if (v2)
                    {
                        System.Security.Cryptography.RandomNumberGenerator.Fill(salt);
                        ConsumerProtection.Modules.PersonalInfoAccess.Domain.EventHash.V2(p, salt, personal, h);
                    }
                    else
                    {
                        ConsumerProtection.Modules.PersonalInfoAccess.Domain.EventHash.Payload(p, h);
                    }

                    ConsumerProtection.Modules.PersonalInfoAccess.Domain.EventHash.Row(b, 1, h, row, row);
                    n += ConsumerProtection.Shared.Data.DapperTypeHandlers.ToSqliteText(e.OccurredAt).Length + e.EventId.ToString("D").Length;
                }
            }

            var user = Process.GetCurrentProcess().UserProcessorTime - user0;
            Console.WriteLine(FormattableString.Invariant(
                $"managed payload v{(v2 ? 2 : 1)}: wall {sw.Elapsed.TotalMilliseconds * 1000 / (batches * events.Length):F2} µs/event, user CPU {user.TotalMilliseconds * 1000 / (batches * events.Length):F2} µs/event ({n})"));
        }
    }

    /// <summary><c>pi-verify-probe</c>: builds the verify benchmark's log once and times a few full verifications.</summary>
    public static async Task VerifyAsync()
    {
        var bench = new PiVerifyBenchmarks();
        await bench.Setup();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                // CPU time beside wall time: on a shared machine the wall figure swings with the load, the CPU figure far less.
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                var rows = await bench.Verify();
                var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds;
                Console.WriteLine(FormattableString.Invariant(
                    $"verified {rows:N0} rows in {wall.Elapsed.TotalMilliseconds:F0} ms: {rows / wall.Elapsed.TotalSeconds:N0} rows/s; CPU {cpuUs / rows:F2} µs/row ({rows / (cpuUs / 1e6):N0} rows per CPU-second)"));
            }
        }
        finally
        {
            bench.Cleanup();
        }
    }
}
