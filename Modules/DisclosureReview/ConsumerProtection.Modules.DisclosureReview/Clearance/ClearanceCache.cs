using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using ConsumerProtection.Modules.DisclosureReview.Products;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.DisclosureReview.Clearance;

/// <summary>
/// The launch gate's last answer per product, valid while the product row's version is unchanged and no approval has
/// expired since. Every change that can move the answer bumps the product's version in the same transaction (submit,
/// decision, new version, waiver, launch/suspend/retire), and the version is read from the database on every call,
/// so hosts sharing one database never serve each other's stale answers. Bounded: cleared when full.
/// </summary>
internal sealed class ClearanceCache
{
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    internal sealed record Entry(long ProductVersion, DateTimeOffset ValidUntil, ClearanceResult Result, string ETag);

    public Entry? Get(ProductRow product, DateTimeOffset now) =>
        _entries.TryGetValue(product.Id, out var e) && e.ProductVersion == product.Version && now < e.ValidUntil ? e : null;

    public Entry Put(ProductRow product, ClearanceResult result, DateTimeOffset? validUntil)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(result, JsonDefaults.Options)))[..32] + "\"";
        var entry = new Entry(product.Version, validUntil ?? DateTimeOffset.MaxValue, result, etag);
        _entries[product.Id] = entry;
        return entry;
    }
}
