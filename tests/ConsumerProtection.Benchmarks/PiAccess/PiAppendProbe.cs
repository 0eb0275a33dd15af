using System.Diagnostics;

namespace ConsumerProtection.Benchmarks.PiAccess;

/// <summary>
/// <c>dotnet ConsumerProtection.Benchmarks.dll pi-append-probe [batches] [seed=N] [ids=v4|v7] [drop=index,...] [page=bytes] [cache=MiB] [dir=folder]</c>:
/// appends batches of 1,000 straight through <see cref="PiAppendBenchmarks"/> and prints wall time and this process's
/// CPU time per event — CPU time per event stays meaningful when other work shares the cores, where BenchmarkDotNet's
/// wall-clock mean does not. <c>seed=N</c> first fills the log with N rows by bulk SQL (not a valid chain: the append
/// only reads the head; customers, staff and ids spread as the appended ones, v4 ids random, v7 ids ordered before the
/// appended ones), so the append runs against indexes of a large log; <c>drop=</c> removes indexes first, to measure
/// what each one costs; <c>page=</c> rebuilds the new file with another SQLite page size and <c>cache=</c> sets the page
/// cache, to measure what the WAL bytes per dirtied index page and the index reads cost; <c>dir=</c> appends to the log
/// of an existing data folder (e.g. the 10M-event seed of run-piaccess-load.sh) and keeps it.
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

        var options = args.Skip(2).Select(a => a.Split('=', 2)).Where(a => a.Length == 2).ToDictionary(a => a[0], a => a[1]);
        if (options.ContainsKey("dir") && (options.ContainsKey("seed") || options.ContainsKey("drop") || options.ContainsKey("page")))
        {
            throw new ArgumentException("dir= appends to a kept log: seed=, drop= and page= would rewrite it.");
        }

        if (options.TryGetValue("dir", out var dir) && !File.Exists(Path.Combine(dir, "piaccess.db")))
        {
            throw new ArgumentException($"dir= names a data folder holding piaccess.db; {dir} has none.");
        }

        var bench = new PiAppendBenchmarks
        {
            RandomIds = options.GetValueOrDefault("ids") == "v4",
            PageSize = int.Parse(options.GetValueOrDefault("page", "0"), System.Globalization.CultureInfo.InvariantCulture),
            CacheMiB = int.Parse(options.GetValueOrDefault("cache", "0"), System.Globalization.CultureInfo.InvariantCulture),
            ExistingDirectory = options.GetValueOrDefault("dir"),
        };
        bench.Setup();
        try
        {
            if (options.TryGetValue("seed", out var seed))
            {
                Seed(bench, long.Parse(seed, System.Globalization.CultureInfo.InvariantCulture), bench.RandomIds);
            }

            foreach (var index in options.GetValueOrDefault("drop", "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                Execute(bench, $"DROP INDEX piaccess.{index}");
            }

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

    // Bulk rows straight into the file (indexes dropped, then rebuilt sorted): the shape of a long-running log, fast.
    private static void Seed(PiAppendBenchmarks bench, long rows, bool randomIds)
    {
        var sw = Stopwatch.StartNew();
        var id = randomIds
            ? "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
            : "printf('%08x-0000-7000-8000-%012x', i / 1000000, i)";
        Execute(bench, """
            DROP INDEX piaccess.ux_access_event_event_id; DROP INDEX piaccess.ix_access_event_customer;
            DROP INDEX piaccess.ix_access_event_staff; DROP INDEX piaccess.ix_access_event_occurred;
            """);
        Execute(bench, $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
            INSERT INTO piaccess.access_event (seq, event_id, occurred_at, recorded_at, staff_id, staff_role, staff_branch, staff_department,
                source_system, customer_ref, categories, max_tier, action, purpose, legal_basis, business_ref, channel, outcome,
                payload_hash, prev_hash, row_hash, personal_salt, personal_hash)
            SELECT i, {id}, strftime('%Y-%m-%dT%H:%M:%f0000Z', 1700000000 + i / 100.0, 'unixepoch'), strftime('%Y-%m-%dT%H:%M:%f0000Z', 1700000000 + i / 100.0, 'unixepoch'),
                printf('staff-%05d', abs(random()) % 997), 'teller', printf('BR-%03d', i % 200), 'retail', 'core-banking',
                printf('CIF-%09d', abs(random()) % 200000), 'account-number:C2,balance:C2,name:C2', 2, 'View', 'AccountServicing', 'Contract',
                'ACC-' || i, 'internal-api', 'Succeeded', randomblob(32), randomblob(32), randomblob(32), randomblob(16), randomblob(32)
            FROM n
            """);
        Execute(bench, """
            CREATE UNIQUE INDEX piaccess.ux_access_event_event_id ON access_event (event_id);
            CREATE INDEX piaccess.ix_access_event_customer ON access_event (customer_ref, occurred_at);
            CREATE INDEX piaccess.ix_access_event_staff ON access_event (staff_id, occurred_at);
            CREATE INDEX piaccess.ix_access_event_occurred ON access_event (occurred_at);
            PRAGMA piaccess.wal_checkpoint(TRUNCATE);
            """);
        Console.WriteLine(FormattableString.Invariant($"seeded {rows:N0} rows ({(randomIds ? "v4" : "v7")} ids) in {sw.Elapsed.TotalSeconds:F0} s; file {new FileInfo(Path.Combine(bench.Directory, "piaccess.db")).Length / 1048576.0:F0} MiB"));
    }

    private static void Execute(PiAppendBenchmarks bench, string sql) =>
        bench.Db.ReadAsync(async c =>
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.CommandTimeout = 0;
            return await cmd.ExecuteNonQueryAsync();
        }, CancellationToken.None).GetAwaiter().GetResult();

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
