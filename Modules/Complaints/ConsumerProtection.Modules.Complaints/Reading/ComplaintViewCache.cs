using System.Collections.Concurrent;
using System.Text.Json;
using ConsumerProtection.Modules.Complaints.Domain;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Complaints.Reading;

/// <summary>
/// Serialised complaint views by complaint, caller-visible variant and version. A read first loads the complaint's
/// head (id, version, scope columns — a few bytes by primary key) from the database and serves cached bytes only when
/// their version is the stored one, so a change made on any host is never answered stale; every change bumps the
/// version (workflow updates, the deadline job, anonymisation). Views holding a vulnerability note are never cached
/// (the note is decrypted for each read only). Bounded: two generations of at most half the capacity each; a hit in
/// the older generation moves the entry to the newer one, so what is read keeps its place and the rest ages out.
/// </summary>
internal sealed class ComplaintViewCache
{
    private readonly int _generationSize;
    private readonly JsonSerializerOptions _json;
    private readonly object _swap = new();
    private ConcurrentDictionary<(Guid Id, bool RepeatVisible), Entry> _young = new();
    private ConcurrentDictionary<(Guid Id, bool RepeatVisible), Entry> _old = new();

    public ComplaintViewCache(IOptions<ComplaintsOptions> options, IOptions<JsonOptions> json)
    {
        _generationSize = options.Value.ViewCacheEntries / 2;
        _json = json.Value.SerializerOptions;
    }

    /// <summary>Entries held now (both generations; an entry may briefly be in both).</summary>
    public int Count => _young.Count + _old.Count;

    /// <summary>The cached JSON of the complaint at <paramref name="version"/>, or null.</summary>
    public byte[]? Find(Guid id, bool repeatVisible, long version)
    {
        if (_generationSize == 0)
        {
            return null;
        }

        var key = (id, repeatVisible);
        if (_young.TryGetValue(key, out var entry))
        {
            return entry.Version == version ? entry.Json : null;
        }

        if (_old.TryGetValue(key, out entry) && entry.Version == version)
        {
            Add(key, entry);
            return entry.Json;
        }

        return null;
    }

    /// <summary>The view's JSON, kept for later reads unless it holds a vulnerability note.</summary>
    public byte[] Serialise(ComplaintView view, ComplaintRow row, bool repeatVisible)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(view, _json);
        if (_generationSize > 0 && row.VulnerableNote is null)
        {
            Add((row.Id, repeatVisible), new Entry(row.Version, json));
        }

        return json;
    }

    private void Add((Guid, bool) key, Entry entry)
    {
        var young = _young;
        young[key] = entry;
        if (young.Count < _generationSize)
        {
            return;
        }

        lock (_swap)
        {
            if (ReferenceEquals(young, _young))
            {
                _old = young;
                _young = new ConcurrentDictionary<(Guid, bool), Entry>();
            }
        }
    }

    private sealed record Entry(long Version, byte[] Json);
}
