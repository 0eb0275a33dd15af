using ConsumerProtection.Host.Composition;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Host.Cli;

/// <summary>
/// What a verb works with: the host's services (composed exactly as for the web API, never started), the host
/// settings given on the command line, the output writers and progress reporting.
/// </summary>
internal sealed class VerbContext(string[] hostSettings, TextWriter output, TextWriter error) : IAsyncDisposable
{
    private WebApplication? _host;

    public TextWriter Out => output;

    public TextWriter Error => error;

    /// <summary>The composed host, built on first use. Building it opens no database file.</summary>
    public WebApplication App
    {
        get
        {
            if (_host is null)
            {
                var builder = WebApplication.CreateBuilder(hostSettings);
                builder.AddConsumerProtection(Shared.Modules.ModuleSelection.Select(HostModules.All(), builder.Configuration));
                _host = builder.Build();
                // As the API does: every bad setting named at once, before a verb reads any.
                Shared.Modules.ModuleRegistration.ValidateAllSettings(_host.Services);
            }

            return _host;
        }
    }

    public IServiceProvider Services => App.Services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The SQLite storage settings; a usage error on SQL Server, where the engine's own tools do the job.</summary>
    public StorageOptions SqliteStorage(string verb)
    {
        var storage = Get<StorageOptions>();
        return storage.Provider == StorageProvider.Sqlite
            ? storage
            : throw new UsageException($"{verb} works on the SQLite data folder; with Storage:Provider=SqlServer use the SQL Server route in Host/README.md.");
    }

    /// <summary>A bar on a terminal, plain lines when output is redirected (or captured by a test).</summary>
    public ConsoleProgress Progress(string verb) =>
        new(verb, output, interactive: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
