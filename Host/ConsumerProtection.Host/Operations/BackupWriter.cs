using System.Text.Json;
using ConsumerProtection.Host.Cli;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Kernel;
using ConsumerProtection.Shared.Modules;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Host.Operations;

/// <summary>
/// An online backup of the SQLite data folder while the host keeps writing. Each module file is copied with SQLite's
/// online backup API in one step: the copy is a transactionally consistent snapshot of that file (a WAL reader never
/// blocks the host's writers). Files are snapshotted one after another, in <see cref="Order"/>.
/// </summary>
internal sealed class BackupWriter(StorageOptions storage, ModuleCatalog catalog, TimeProvider time, ConsoleProgress progress)
{
    public const string KeysFolder = "keys";

    /// <summary>
    /// Module files never share a transaction, so no ordering gives one instant across files; this one keeps every
    /// cross-file reference in the backup pointing at something the backup holds. A file is copied before the files
    /// its rows refer to: the referred rows existed when the referring file was copied and are still there (append-only
    /// or retained) when their own file is copied later. The kernel goes first — its idempotency records name
    /// resources in the modules' files — then the modules in reverse of the host's order, so the access log (whose
    /// events name complaints) is copied before the complaints. What a later file may hold in excess (a complaint
    /// filed after the kernel was copied, without its idempotency record) is the state a crash between the two
    /// commits leaves too, which the host already handles (a retry without the record files anew).
    /// </summary>
    public IReadOnlyList<string> Order =>
        [.. catalog.Schemas.Where(s => s == KernelModule.SchemaName), .. catalog.Schemas.Where(s => s != KernelModule.SchemaName).Reverse()];

    public BackupManifest Write(string target)
    {
        PrivateFiles.Folder0700(target);
        var files = new List<BackupFile>();
        var keys = KeyFiles();
        var total = Order.Count + keys.Count + 1;
        var step = 0;
        foreach (var schema in Order)
        {
            progress.Report(step++, total, schema + ".db");
            files.Add(Snapshot(schema, target));
        }

        if (keys.Count > 0)
        {
            PrivateFiles.Folder0700(Path.Combine(target, KeysFolder));
        }

        foreach (var key in keys)
        {
            var relative = Path.GetRelativePath(storage.DataDirectoryFullPath, key).Replace('\\', '/');
            progress.Report(step++, total, relative);
            var to = Path.Combine(target, relative);
            PrivateFiles.Folder0700(Path.GetDirectoryName(to)!);
            PrivateFiles.Copy0600(key, to);
            files.Add(new BackupFile(relative, SqliteFacts.Sha256(to), new FileInfo(to).Length));
        }

        var manifest = new BackupManifest(BackupManifest.CurrentFormat, time.GetUtcNow(), storage.DataDirectoryFullPath, Order, files);
        var manifestPath = Path.Combine(target, BackupManifest.FileName);
        PrivateFiles.NewFile0600(manifestPath);
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, BackupManifest.Json));
        progress.Report(total, total, BackupManifest.FileName);
        return manifest;
    }

    private BackupFile Snapshot(string schema, string target)
    {
        var source = SqliteFiles.PathFor(storage, schema);
        if (!File.Exists(source))
        {
            throw new VerbFailedException($"{source} is missing; the backup stops rather than leave a module out.");
        }

        var name = schema + ".db";
        var to = Path.Combine(target, name);
        PrivateFiles.NewFile0600(to);
        using (var from = SqliteFacts.Open(source, SqliteOpenMode.ReadWrite))
        using (var copy = SqliteFacts.Open(to, SqliteOpenMode.ReadWrite))
        {
            from.BackupDatabase(copy);
            // A self-contained file: no -wal beside it that a copy of the folder could leave behind.
            using var journal = copy.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode = DELETE";
            journal.ExecuteNonQuery();
        }

        using var facts = SqliteFacts.Open(to, SqliteOpenMode.ReadOnly);
        var file = new BackupFile(name, "", 0, SqliteFacts.RowCounts(facts), SqliteFacts.Heads(facts));
        facts.Close();
        return file with { Sha256 = SqliteFacts.Sha256(to), Bytes = new FileInfo(to).Length };
    }

    // Key files the data needs to be usable (the checkpoint signing key, and any other key kept there).
    private List<string> KeyFiles()
    {
        var folder = Path.Combine(storage.DataDirectoryFullPath, KeysFolder);
        return Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)] : [];
    }
}
