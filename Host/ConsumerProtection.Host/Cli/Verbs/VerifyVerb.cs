using System.CommandLine;
using System.Text.Json;
using ConsumerProtection.Host.Operations;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Operations;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Host.Cli.Verbs;

/// <summary><c>verify [--manifest &lt;file&gt;]</c>: walk every audit chain and the access-log chain offline; exit 1 on a break.</summary>
internal sealed class VerifyVerb : IHostVerb
{
    public Command Create(VerbContext context)
    {
        var manifestOption = new Option<FileInfo>("--manifest")
        {
            Description = "A backup's manifest.json: also check that every chain still holds the head recorded there (after a restore).",
        };
        manifestOption.AcceptExistingOnly();
        var command = new Command("verify", "Re-hash and re-link every audit chain and the access-log chain (checking its signed checkpoints). Exit 0 when all are intact, 1 on any break.");
        command.Options.Add(manifestOption);
        command.SetAction(async (parse, ct) =>
        {
            context.Get<InstallationGuard>().Check();
            var storage = context.Get<StorageOptions>();
            var checks = context.Get<IEnumerable<IChainCheck>>().ToList();
            var progress = context.Progress("verify");
            var broken = 0;
            for (var i = 0; i < checks.Count; i++)
            {
                var check = checks[i];
                progress.Report(i, checks.Count, check.Name);
                if (storage.Provider == StorageProvider.Sqlite && !File.Exists(SqliteFiles.PathFor(storage, check.Schema)))
                {
                    await context.Out.WriteLineAsync($"skipped {check.Name}: schema not installed");
                    continue;
                }

                var result = await check.VerifyAsync(ct);
                if (!result.Ok)
                {
                    broken++;
                }

                await context.Out.WriteLineAsync(result.Ok
                    ? $"ok {check.Name}: {result.Rows} rows"
                    : $"BROKEN {check.Name} at seq {result.FirstBrokenSeq}: {result.Problem}");
            }

            progress.Report(checks.Count, checks.Count, "chains");
            if (parse.GetValue(manifestOption) is { } manifestFile)
            {
                broken += await CompareHeadsAsync(context, context.SqliteStorage("verify --manifest"), manifestFile.FullName);
            }

            return broken == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    // Each chain must still hold, at the manifest's last seq, the row hash recorded there (it may have grown since).
    private static async Task<int> CompareHeadsAsync(VerbContext context, StorageOptions storage, string manifestPath)
    {
        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath), BackupManifest.Json)
            ?? throw new VerbFailedException($"{manifestPath} is empty.");
        var mismatches = 0;
        foreach (var file in manifest.Files.Where(f => f.Chains is not null))
        {
            using var c = SqliteFacts.Open(Path.Combine(storage.DataDirectoryFullPath, file.Path), SqliteOpenMode.ReadOnly);
            foreach (var head in file.Chains!.Where(h => h.LastSeq > 0))
            {
                var hash = SqliteFacts.HashAt(c, head.Table, head.LastSeq);
                var ok = string.Equals(hash, head.RowHash, StringComparison.Ordinal);
                mismatches += ok ? 0 : 1;
                await context.Out.WriteLineAsync(ok
                    ? $"ok {file.Path} {head.Table}: seq {head.LastSeq} holds the backed-up head"
                    : $"BROKEN {file.Path} {head.Table}: seq {head.LastSeq} is {(hash is null ? "missing" : "another row")} than the manifest's head");
            }
        }

        return mismatches;
    }
}
