using System.CommandLine;
using ConsumerProtection.Host.Operations;

namespace ConsumerProtection.Host.Cli.Verbs;

/// <summary><c>restore --from &lt;folder&gt; [--force] [--manifest-sha256 &lt;hex&gt;]</c>: put a verified backup into the data folder.</summary>
internal sealed class RestoreVerb : IHostVerb
{
    public Command Create(VerbContext context)
    {
        var from = new Option<DirectoryInfo>("--from") { Description = "The backup folder (written by 'backup --to').", Required = true };
        from.AcceptExistingOnly();
        var force = new Option<bool>("--force") { Description = "Replace the contents of a data folder that is not empty (stop the host first)." };
        var manifestHash = new Option<string?>("--manifest-sha256") { Description = "The manifest's SHA-256 that 'backup' printed; refuses a manifest that differs." };
        manifestHash.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string?>();
            if (value is not null && (value.Length != 64 || !value.All(char.IsAsciiHexDigit)))
            {
                r.AddError("--manifest-sha256 must be 64 hexadecimal characters.");
            }
        });
        var command = new Command("restore", "Check a backup against its manifest and copy it into the data folder (Storage:DataDirectory). Run with the host stopped.");
        command.Options.Add(from);
        command.Options.Add(force);
        command.Options.Add(manifestHash);
        command.SetAction(parse =>
        {
            var storage = context.SqliteStorage("restore");
            var backup = parse.GetValue(from)!.FullName;
            var manifest = RestoreReader.Verify(backup, parse.GetValue(manifestHash));
            new RestoreReader(storage, context.Progress("restore")).Restore(backup, manifest, parse.GetValue(force));
            context.Out.WriteLine($"restore: {manifest.Files.Count} files from {backup} into {storage.DataDirectoryFullPath}; run 'verify --manifest {Path.Combine(backup, BackupManifest.FileName)}' to check the chains.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
