using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ConsumerProtection.Modules.PersonalInfoAccess.Chain;
using ConsumerProtection.Modules.PersonalInfoAccess.Purge;
using ConsumerProtection.Modules.PersonalInfoAccess;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Retention;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Benchmarks.PiAccess;

/// <summary>
/// Issue 4 §8: chain verification — <see cref="ChainVerifier"/> over a SQLite log of <see cref="Rows"/> events
/// appended through the real writer path: reads every row, recomputes both hashes, checks every link.
/// RowsPerSec = rows / mean.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(VerifyRowsPerSecondConfig))]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class PiVerifyBenchmarks
{
    public const int Rows = 200_000;

    private readonly PiAppendBenchmarks _log = new();
    private ChainVerifier _verifier = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _log.Setup();
        for (var i = 0; i < Rows / PiAppendBenchmarks.BatchSize; i++)
        {
            await _log.Append1000();
        }

        var key = new CheckpointKey(Options.Create(new CheckpointOptions()), new StorageOptions { DataDirectory = _log.Directory },
            NullLogger<CheckpointKey>.Instance);
        _verifier = new ChainVerifier(_log.Db, key, new PurgeLedger(_log.Db, key), TimeProvider.System, Options.Create(new RetentionOptions()),
            Options.Create(new PersonalInfoAccessOptions()));
    }

    [GlobalCleanup]
    public void Cleanup() => _log.Cleanup();

    [Benchmark(Description = "verify 200,000 rows")]
    public async Task<long> Verify()
    {
        var result = await _verifier.VerifyAsync(1, null, [], CancellationToken.None);
        return result.Ok && result.Checked == Rows ? result.Checked : throw new InvalidOperationException("The chain did not verify.");
    }
}

internal sealed class VerifyRowsPerSecondConfig : ManualConfig
{
    public VerifyRowsPerSecondConfig() => AddColumn(new PerSecondColumn("RowsPerSec", PiVerifyBenchmarks.Rows));
}
