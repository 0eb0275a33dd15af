using System.CommandLine;
using ConsumerProtection.Host.Composition;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Host.Cli.Verbs;

/// <summary><c>import-calendar &lt;file&gt;</c>: load a year's State Council holiday schedule (cp-calendar/1 JSON, see Shared/README.md).</summary>
internal sealed class ImportCalendarVerb : IHostVerb
{
    public Command Create(VerbContext context)
    {
        var file = VerbArguments.ExistingFile("The year's schedule as a cp-calendar/1 JSON file.");
        var command = new Command("import-calendar", "Import one year's holidays and make-up working days from a cp-calendar/1 JSON file (the office's local days stay and win); audited.");
        command.Arguments.Add(file);
        command.SetAction(async (parse, ct) =>
        {
            context.Get<InstallationGuard>().Check();
            return await ImportCalendarCommand.RunAsync(context.App, ["import-calendar", parse.GetValue(file)!.FullName]);
        });
        return command;
    }
}
