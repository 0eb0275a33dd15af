using System.Text.Json;
using ConsumerProtection.Host.Cli;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Host.Operations;

/// <summary>
/// Restores a backup folder into the data folder: the manifest first, every file checked against its SHA-256 before
/// anything is written, then each file copied under a temporary name and renamed into place, and checked again.
/// </summary>
internal sealed class RestoreReader(StorageOptions storage, ConsoleProgress progress)
{
    /// <summary>Reads and checks the backup; throws <see cref="VerbFailedException"/> naming the first file that does not verify.</summary>
    public static BackupManifest Verify(string backup, string? expectedManifestSha256)
    {
        var manifestPath = Path.Combine(backup, BackupManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new VerbFailedException($"{manifestPath} is missing: not a backup folder.");
        }

        if (expectedManifestSha256 is not null && !string.Equals(SqliteFacts.Sha256(manifestPath), expectedManifestSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new VerbFailedException($"{manifestPath} does not have the SHA-256 given with --manifest-sha256: the manifest was changed.");
        }

        BackupManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(manifestPath), BackupManifest.Json)
                ?? throw new VerbFailedException($"{manifestPath} is empty.");
        }
        catch (JsonException ex)
        {
            throw new VerbFailedException($"{manifestPath} is not a readable manifest: {ex.Message}");
        }

        if (manifest.Format != BackupManifest.CurrentFormat || manifest.Files is null || manifest.Files.Count == 0)
        {
            throw new VerbFailedException($"{manifestPath} has format {manifest.Format} or lists no files; this host reads format {BackupManifest.CurrentFormat}.");
        }

        foreach (var file in manifest.Files)
        {
            var path = Inside(backup, file.Path);
            if (!File.Exists(path))
            {
                throw new VerbFailedException($"backup file {file.Path} is missing.");
            }

            if (!string.Equals(SqliteFacts.Sha256(path), file.Sha256, StringComparison.Ordinal))
            {
                throw new VerbFailedException($"backup file {file.Path} does not match its SHA-256 in the manifest: it was changed or damaged.");
            }
        }

        return manifest;
    }

    public void Restore(string backup, BackupManifest manifest, bool force)
    {
        var data = storage.DataDirectoryFullPath;
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
        {
            if (!force)
            {
                throw new UsageException($"the data folder {data} is not empty; stop the host and pass --force to replace its contents.");
            }

            // Only what the restore replaces goes, and the companions SQLite would otherwise replay into the restored file.
            foreach (var file in manifest.Files)
            {
                foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
                {
                    var path = Inside(data, file.Path) + suffix;
                    if (File.Exists(path))
                    {
                        File.Delete(path);
                    }
                }
            }
        }

        PrivateFiles.Folder0700(data);
        var step = 0;
        foreach (var file in manifest.Files)
        {
            progress.Report(step++, manifest.Files.Count, file.Path);
            var to = Inside(data, file.Path);
            PrivateFiles.Folder0700(Path.GetDirectoryName(to)!);
            var temporary = to + ".restoring";
            PrivateFiles.Copy0600(Inside(backup, file.Path), temporary);
            if (!string.Equals(SqliteFacts.Sha256(temporary), file.Sha256, StringComparison.Ordinal))
            {
                File.Delete(temporary);
                throw new VerbFailedException($"the copy of {file.Path} in {data} does not match the manifest; nothing more was restored.");
            }

            File.Move(temporary, to, overwrite: true);
        }

        progress.Report(manifest.Files.Count, manifest.Files.Count, "done");
    }

    // A manifest path names a file inside the folder: no rooted paths, no '..'.
    private static string Inside(string folder, string relative)
    {
        var root = Path.GetFullPath(folder);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new VerbFailedException($"the manifest names {relative}, which is outside the folder.");
    }
}
