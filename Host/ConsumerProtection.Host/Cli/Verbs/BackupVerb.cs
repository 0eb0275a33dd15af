using System.CommandLine;
using ConsumerProtection.Host.Operations;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Modules;

namespace ConsumerProtection.Host.Cli.Verbs;

/// <summary><c>backup --to &lt;folder&gt;</c>: an online, consistent copy of the data folder with a manifest.</summary>
internal sealed class BackupVerb : IHostVerb
{
    public Command Create(VerbContext context)
    {
        var to = new Option<DirectoryInfo>("--to")
        {
            Description = "Folder to write the backup into (created 0700; must not exist yet, or be empty).", Required = true,
        };
        to.Validators.Add(r =>
        {
            var folder = r.GetValueOrDefault<DirectoryInfo>();
            if (folder is { Exists: true } && folder.EnumerateFileSystemInfos().Any())
            {
                r.AddError($"--to {folder.FullName} is not empty; name a new folder.");
            }
        });
        var command = new Command("backup", "Copy every module database (SQLite online backup, while the host runs), the key files under <data>/keys and a manifest (SHA-256, row counts, chain heads) into a folder.");
        command.Options.Add(to);
        command.SetAction(parse =>
        {
            var storage = context.SqliteStorage("backup");
            context.Get<InstallationGuard>().Check();
            var writer = new BackupWriter(storage, context.Get<ModuleCatalog>(), context.Get<TimeProvider>(), context.Progress("backup"));
            var target = parse.GetValue(to)!.FullName;
            var manifest = writer.Write(target);
            context.Out.WriteLine($"backup: {manifest.Files.Count} files in {target}; manifest SHA-256 {SqliteFacts.Sha256(Path.Combine(target, BackupManifest.FileName))} (keep it apart from the backup).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
