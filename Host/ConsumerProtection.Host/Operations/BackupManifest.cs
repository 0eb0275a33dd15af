using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsumerProtection.Host.Operations;

/// <summary>
/// <c>manifest.json</c> of a backup folder: every file with its SHA-256, and for each database its row count per table and
/// the head (last seq and row hash) of each chain in it, so a restore can be checked against what was backed up.
/// </summary>
internal sealed record BackupManifest(int Format, DateTimeOffset CreatedAt, string Source, IReadOnlyList<string> Order, IReadOnlyList<BackupFile> Files)
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}

/// <summary>One file of a backup; <see cref="Tables"/> and <see cref="Chains"/> only for databases.</summary>
internal sealed record BackupFile(string Path, string Sha256, long Bytes, IReadOnlyDictionary<string, long>? Tables = null, IReadOnlyList<ChainHead>? Chains = null);

/// <summary>The last row of a hash chain: seq 0 and an empty hash for an empty chain.</summary>
internal sealed record ChainHead(string Table, long LastSeq, string RowHash);
