using System.CommandLine;

namespace ConsumerProtection.Host.Cli;

/// <summary>
/// One verb of the host's command line. To add a verb: write one class implementing this (see
/// <c>Verbs/MigrateVerb.cs</c> for the smallest) and add it to <see cref="HostVerbs.All"/>.
/// </summary>
internal interface IHostVerb
{
    /// <summary>Builds the verb's command: its options, their validation and its action (returning an <see cref="ExitCodes"/> value).</summary>
    Command Create(VerbContext context);
}
