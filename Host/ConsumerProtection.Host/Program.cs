using ConsumerProtection.Host;
using ConsumerProtection.Host.Composition;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;

// A verb's operand is not a setting: the command-line configuration would read an absolute path "/x/cn-2027.json" as a switch.
var builder = WebApplication.CreateBuilder(args is ["import-calendar", _, .. var settings] ? settings : args);
var modules = HostModules.All();
builder.AddConsumerProtection(modules);
var app = builder.Build();

if (args.Length > 0 && args[0] == "migrate")
{
    // Deployment verb: apply every module's migrations and exit (for hosts running with Storage:MigrateOnStartup=false).
    app.Services.GetRequiredService<MigrationRunner>().MigrateAll();
    await ShippedCalendarStartup.ApplyAsync(app);
    return 0;
}

if (args.Length > 0 && args[0] == "import-calendar")
{
    // Operations verb: load a year's State Council schedule (cp-calendar/1 JSON) the day the notice appears.
    return await ImportCalendarCommand.RunAsync(app, args);
}

if (args.Length > 0 && args[0] == "seed")
{
    // Benchmark and demo verb: generate realistic data straight into the module schemas and exit.
    return await SeedCommand.RunAsync(app, args);
}

if (args.Length > 0 && args[0] == "rekey")
{
    // Key rotation and upgrade verb: re-encrypt personal data that is plaintext or under a retired key, and exit.
    return await RekeyCommand.RunAsync(app, args);
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
