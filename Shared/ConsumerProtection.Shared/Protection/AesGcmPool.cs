using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ConsumerProtection.Shared.Protection;

/// <summary>
/// AesGcm instances for one key. An instance is not safe for concurrent use, and making one costs a key schedule
/// (and an OpenSSL context on Linux), so each call rents one exclusively and gives it back. At most
/// <see cref="Max"/> idle instances are kept; a burst beyond that creates and disposes extra ones.
/// </summary>
internal sealed class AesGcmPool(byte[] key, bool pooled = true) : IDisposable
{
    public const int TagBytes = 16;

    private static readonly int Max = Environment.ProcessorCount * 2;
    private readonly ConcurrentQueue<AesGcm> _idle = new();
    private int _idleCount;

    public AesGcm Rent()
    {
        if (pooled && _idle.TryDequeue(out var aes))
        {
            Interlocked.Decrement(ref _idleCount);
            return aes;
        }

        return new AesGcm(key, TagBytes);
    }

    public void Return(AesGcm aes)
    {
        if (pooled && Interlocked.Increment(ref _idleCount) <= Max)
        {
            _idle.Enqueue(aes);
            return;
        }

        if (pooled)
        {
            Interlocked.Decrement(ref _idleCount);
        }

        aes.Dispose();
    }

    public void Dispose()
    {
        while (_idle.TryDequeue(out var aes))
        {
            aes.Dispose();
        }
    }
}
