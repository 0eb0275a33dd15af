using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using ConsumerProtection.Shared.Protection;

namespace ConsumerProtection.Benchmarks.Protection;

/// <summary>
/// The per-value cost of personal data at rest: intake seals up to five fields and computes up to three blind
/// indexes; the complaint GET opens the vulnerability note (when present), the consumer GET four fields. Pooled
/// AesGcm instances against one new instance per call (AesGcm is not thread-safe, so one must not be shared).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PersonalDataProtectorBenchmarks
{
    private static readonly FieldBinding Binding = new("complaints.complaint", "consumer_name", "0193a2c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b");
    private PersonalDataProtector _pooled = null!;
    private PersonalDataProtector _perCall = null!;
    private string _envelope = null!;

    [Params("王芳", "li.ming.consumer@example.com")]
    public string Value { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var keyring = new ProtectionKeyring(
            new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) }, "k1", RandomNumberGenerator.GetBytes(32), "benchmark");
        _pooled = new PersonalDataProtector(keyring);
        _perCall = new PersonalDataProtector(keyring, pooled: false);
        _envelope = _pooled.Protect(Value, Binding);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pooled.Dispose();
        _perCall.Dispose();
    }

    [Benchmark(Baseline = true)]
    public string Encrypt() => _pooled.Protect(Value, Binding);

    [Benchmark]
    public string Decrypt() => _pooled.Unprotect(_envelope, Binding);

    [Benchmark]
    public string EncryptNewAesGcmPerCall() => _perCall.Protect(Value, Binding);

    [Benchmark]
    public string DecryptNewAesGcmPerCall() => _perCall.Unprotect(_envelope, Binding);

    [Benchmark]
    public string BlindIndex() => _pooled.BlindIndex(BlindIndexKind.Email, Value);
}
