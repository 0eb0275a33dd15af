using ConsumerProtection.Host;
using ConsumerProtection.Host.Cli;
using ConsumerProtection.Host.Composition;
using ConsumerProtection.Host.Operations;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;

// Before the first pool threads allocate: at most two glibc malloc arenas (Operations/NativeHeap.cs says why).
NativeHeap.LimitArenas();

// A verb (migrate, seed, backup, restore, verify, rekey, import-calendar, --help): the command line in Cli/HostCommandLine.cs; register new
// verbs in Cli/HostVerbs.cs. No verb: the web API starts.
if (HostCommandLine.IsVerb(args))
{
    return await HostCommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
// Modules:Enabled (default all) picks the modules this process runs, with what they depend on; the kernel always runs.
var modules = ConsumerProtection.Shared.Modules.ModuleSelection.Select(HostModules.All(), builder.Configuration);
builder.AddConsumerProtection(modules);
var app = builder.Build();

// Every setting at once, before anything reads one: start-up names each bad setting, not just the first one read.
ConsumerProtection.Shared.Modules.ModuleRegistration.ValidateAllSettings(app.Services);

try
{
    // Before anything opens (and so creates) a module file: a damaged installation must not start as an empty one.
    app.Services.GetRequiredService<InstallationGuard>().Check();
}
catch (InstallationDamagedException ex)
{
    await Console.Error.WriteLineAsync("start-up refused: " + ex.Message);
    return ExitCodes.Failed;
}

if (app.Services.GetRequiredService<StorageOptions>().MigrateOnStartup)
{
    app.Services.GetRequiredService<MigrationRunner>().MigrateAll();
    await app.Services.GetRequiredService<BootstrapAdminKey>().EnsureAsync(CancellationToken.None);
    await ShippedCalendarStartup.ApplyAsync(app);
}

app.UseConsumerProtection(modules);
await app.RunAsync();
return 0;

/// <summary>The host's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
