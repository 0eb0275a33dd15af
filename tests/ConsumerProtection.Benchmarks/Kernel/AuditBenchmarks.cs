using BenchmarkDotNet.Attributes;
using ConsumerProtection.Shared.Audit;

namespace ConsumerProtection.Benchmarks.Kernel;

/// <summary>The audit chain's hash of one typical row: paid once per audited state change.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class AuditHashBenchmarks
{
    private readonly AuditRecord _row = AuditSamples.Typical(4711, new string('a', 64));

    [Benchmark]
    public string Compute() => AuditHash.Compute(_row);
}

/// <summary>
/// Walking an in-memory chain of <see cref="Rows"/> rows (no database): the CPU side of <c>AuditVerifier.VerifyAsync</c>.
/// The RowsPerSec column is <see cref="Rows"/> divided by the mean.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[Config(typeof(RowsPerSecondConfig))]
public class AuditVerifierBenchmarks
{
    public const int Rows = 10_000;

    private AuditRecord[] _chain = [];

    [GlobalSetup]
    public void Setup() => _chain = AuditSamples.Chain(Rows);

    [Benchmark]
    public async Task<AuditVerification> VerifyChain10k()
    {
        var result = await AuditVerifier.VerifyAsync(_chain.ToAsyncEnumerable(), CancellationToken.None);
        return result.Ok && result.Checked == Rows ? result : throw new InvalidOperationException("The sample chain did not verify.");
    }
}
