using System.CommandLine;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Host.Cli;

/// <summary>
/// The host's command line (System.CommandLine). With no verb the web API starts as before; a first argument that is
/// not an option, or <c>--help</c>, is a verb. Host settings in configuration form (<c>--Storage:DataDirectory /srv/cp</c>,
/// any <c>--Section:Key value</c> or <c>--Section:Key=value</c>) may stand anywhere and go to configuration, not to the verb.
/// </summary>
internal static class HostCommandLine
{
    public const string Description =
        "Consumer-protection host. Without a verb it starts the web API. Host settings in configuration form " +
        "(--Section:Key value, e.g. --Storage:DataDirectory /srv/cp/data) may follow any verb.";

    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || args[0] is "-h" or "--help" or "-?" or "--version");

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var (verbArgs, settings) = Split(args);
        await using var context = new VerbContext(settings, output, error);
        try
        {
            var root = new RootCommand(Description);
            foreach (var verb in HostVerbs.All())
            {
                root.Subcommands.Add(verb.Create(context));
            }

            var parse = root.Parse(verbArgs);
            if (parse.Errors.Count > 0)
            {
                foreach (var e in parse.Errors)
                {
                    await error.WriteLineAsync("error: " + e.Message);
                }

                await error.WriteLineAsync($"Run '{string.Join(' ', CommandPath(parse))} --help' for usage.");
                return ExitCodes.Usage;
            }

            // Ctrl+C cancels the verb's token; the verb decides what stays (seed keeps what it committed).
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
            });
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync("error: " + ex.Message);
            return ExitCodes.Usage;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            // Bad settings (--Section:Key, environment, appsettings.json): every one is named, as the API names them.
            await error.WriteLineAsync("error: settings: " + ex.Message);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is VerbFailedException or InstallationDamagedException or InvalidOperationException or IOException)
        {
            await error.WriteLineAsync("failed: " + ex.Message);
            return ExitCodes.Failed;
        }
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var r = parse.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(r.Command is RootCommand ? "ConsumerProtection.Host" : r.Command.Name);
        }

        return names;
    }

    // Host settings have a colon in the option name (configuration keys); everything else belongs to the verb.
    internal static (string[] Verb, string[] Settings) Split(string[] args)
    {
        var verb = new List<string>();
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            var name = a.Split('=', 2)[0];
            if (a.StartsWith("--", StringComparison.Ordinal) && name.Contains(':', StringComparison.Ordinal))
            {
                settings.Add(a);
                if (!a.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                {
                    settings.Add(args[++i]);
                }
            }
            else
            {
                verb.Add(a);
            }
        }

        return ([.. verb], [.. settings]);
    }
}
