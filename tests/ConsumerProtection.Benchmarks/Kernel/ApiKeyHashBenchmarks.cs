using BenchmarkDotNet.Attributes;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Benchmarks.Kernel;

/// <summary>SHA-256 of an API key: paid on every API-key-authenticated request, cache hit or not.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ApiKeyHashBenchmarks
{
    private readonly string _key = ApiKeyStore.NewSecret();

    [Benchmark]
    public string Hash() => ApiKeyStore.Hash(_key);
}
