using System.CommandLine;
using System.Globalization;
using ConsumerProtection.Host.Composition;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Host.Cli.Verbs;

/// <summary><c>rekey [--batch 500] [--new-key]</c>: re-encrypt personal data that is plaintext or under a retired key (ADR 0005).</summary>
internal sealed class RekeyVerb : IHostVerb
{
    public Command Create(VerbContext context)
    {
        var batch = new Option<int>("--batch") { Description = "Records per committed batch (1 to 10000).", DefaultValueFactory = _ => RekeyCommand.DefaultBatch };
        batch.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000)
            {
                r.AddError("--batch takes 1 to 10000.");
            }
        });
        var newKey = new Option<bool>("--new-key") { Description = "Key-file mode only: add a new key to the key file and make it active first (restart running hosts afterwards)." };
        var command = new Command("rekey", "Re-encrypt every personal-data value that is plaintext (from before encryption) or under a key other than the active one, in committed batches; safe to stop and run again.");
        command.Options.Add(batch);
        command.Options.Add(newKey);
        command.SetAction(async (parse, ct) =>
        {
            context.Get<InstallationGuard>().Check();
            var args = new List<string> { "rekey", "--batch", parse.GetValue(batch).ToString(CultureInfo.InvariantCulture) };
            if (parse.GetValue(newKey))
            {
                args.Add("--new-key");
            }

            return await RekeyCommand.RunAsync(context.App, [.. args]);
        });
        return command;
    }
}
