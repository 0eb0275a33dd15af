using System.CommandLine;
using ConsumerProtection.Host.Composition;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Host.Cli.Verbs;

/// <summary><c>migrate</c>: apply every module's migrations and exit (for hosts running with Storage:MigrateOnStartup=false).</summary>
internal sealed class MigrateVerb : IHostVerb
{
    public Command Create(VerbContext context)
    {
        var command = new Command("migrate", "Apply every module's pending database migrations, then exit.");
        command.SetAction(async (_, _) =>
        {
            context.Get<MigrationRunner>().MigrateAll();
            // The embedded State Council schedules go to the years the office has not set (as at start-up).
            await ShippedCalendarStartup.ApplyAsync(context.App);
            context.Out.WriteLine("migrate: every schema is up to date.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
