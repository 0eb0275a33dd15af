using ConsumerProtection.Host.Cli.Verbs;

namespace ConsumerProtection.Host.Cli;

/// <summary>The host's verbs, in the order <c>--help</c> lists them. Register a new verb here (one line).</summary>
internal static class HostVerbs
{
    public static IReadOnlyList<IHostVerb> All() =>
    [
        new MigrateVerb(),
        new SeedVerb(),
        new BackupVerb(),
        new RestoreVerb(),
        new VerifyVerb(),
        new RekeyVerb(),
        new ImportCalendarVerb(),
        new ImportComplaintsVerb(),
        new ImportStaffVerb(),
    ];
}
