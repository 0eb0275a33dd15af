using System.CommandLine;
using System.Globalization;
using ConsumerProtection.Modules.Training.Contracts;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Host.Cli.Verbs;

/// <summary><c>import-staff &lt;file&gt; [--dry-run]</c>: the HR roster import from the shell, with progress (Modules/Training/README.md).</summary>
internal sealed class ImportStaffVerb : IHostVerb
{
    private const int ErrorLines = 200;

    public Command Create(VerbContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "The HR roster as CSV (UTF-8 or GB18030) or .xlsx." };
        file.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<FileInfo>() is { Exists: false } f)
            {
                r.AddError($"file not found: {f.FullName}");
            }
        });
        var dryRun = new Option<bool>("--dry-run") { Description = "Report bad rows and what would change; write nothing." };
        var command = new Command("import-staff", "Import the HR staff roster (all or nothing; staff missing from the file are deactivated); audited.");
        command.Arguments.Add(file);
        command.Options.Add(dryRun);
        command.SetAction(async (parse, ct) =>
        {
            context.Get<InstallationGuard>().Check();
            var bar = context.Progress("import-staff");
            var progress = new Progress<StaffImportProgress>(p => bar.Report(p.Done, p.Total, p.Stage));
            StaffImportSummary summary;
            try
            {
                summary = await context.Get<IStaffRosterImport>().ImportAsync(await File.ReadAllBytesAsync(parse.GetValue(file)!.FullName, ct), parse.GetValue(dryRun), progress, ct);
            }
            catch (InvalidDataException e)
            {
                await context.Error.WriteLineAsync("file: " + e.Message);
                return ExitCodes.Usage;
            }

            foreach (var error in summary.Errors.Take(ErrorLines))
            {
                await context.Error.WriteLineAsync(error);
            }

            if (summary.Errors.Count > ErrorLines)
            {
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"… and {summary.Errors.Count - ErrorLines} more"));
            }

            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(summary.Applied ? "imported" : summary.DryRun ? "dry run" : "refused")} ({summary.Format}): {summary.Rows} rows, {summary.Added} added, {summary.Changed} changed, {summary.Unchanged} unchanged, {summary.Deactivated} deactivated, {summary.Errors.Count} errors"));
            return summary.Errors.Count > 0 ? ExitCodes.Usage : ExitCodes.Ok;
        });
        return command;
    }
}
