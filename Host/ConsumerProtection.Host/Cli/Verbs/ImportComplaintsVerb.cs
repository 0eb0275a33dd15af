using System.CommandLine;
using System.Globalization;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Modules.Complaints.Contracts;

namespace ConsumerProtection.Host.Cli.Verbs;

/// <summary>
/// <c>import-complaints &lt;file&gt; [--dry-run]</c>: complaints with their history from another system, the same rules
/// as <c>POST /api/v1/complaints/import</c> (Modules/Complaints/README.md "Importing history"). CSV by the .csv
/// extension, JSON lines otherwise. Exit 0 when stored (or, with --dry-run, when clean); 1 with every problem listed.
/// </summary>
internal sealed class ImportComplaintsVerb : IHostVerb
{
    public Command Create(VerbContext context)
    {
        var file = VerbArguments.ExistingFile("A .csv file, or JSON lines (.jsonl/.ndjson), UTF-8.");
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every record and report; store nothing." };
        var command = new Command("import-complaints", "Import complaints with their whole history (CSV or JSON lines): a dry run reports every problem by line and field; a real run stores the whole file or nothing; source ids imported before are skipped.");
        command.Arguments.Add(file);
        command.Options.Add(dryRun);
        command.SetAction(async (parse, ct) =>
        {
            context.Get<InstallationGuard>().Check();
            var path = parse.GetValue(file)!;
            var text = await File.ReadAllTextAsync(path.FullName, ct);
            var csv = path.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase);
            var progress = new BarProgress(context.Progress("import-complaints"));
            var result = await context.Get<IComplaintHistoryImport>().ImportAsync(text, csv, parse.GetValue(dryRun), progress, ct);
            foreach (var problem in result.Errors)
            {
                await context.Error.WriteLineAsync(problem);
            }

            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"import-complaints: {result.Records} records, {result.ToImport} new, {result.Imported} imported, {result.AlreadyImported} already imported, {result.Errors.Count} problems{(parse.GetValue(dryRun) ? " (dry run: nothing stored)" : "")}."));
            return result.Errors.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    // On the caller's thread (Progress<T> would post to the thread pool, and its lines could trail the summary).
    private sealed class BarProgress(ConsoleProgress bar) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => bar.Report(value.Done, value.Total, "complaints");
    }
}
