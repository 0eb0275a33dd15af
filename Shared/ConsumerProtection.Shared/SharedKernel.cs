using ConsumerProtection.Shared.Alerts;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Events;
using ConsumerProtection.Shared.Idempotency;
using ConsumerProtection.Shared.Modules;
using ConsumerProtection.Shared.Operations;
using ConsumerProtection.Shared.Protection;
using ConsumerProtection.Shared.Retention;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsumerProtection.Shared;

/// <summary>Registers the shared kernel (data access, audit, retention, calendar, keys, idempotency) and the modules.</summary>
public static class SharedKernel
{
    /// <summary>Adds the kernel's services and every module's, one database per module schema.</summary>
    public static IServiceCollection AddSharedKernel(this IServiceCollection services, IConfiguration configuration, IReadOnlyList<IModule> modules)
    {
        var storage = ReadStorage(configuration);
        var catalog = new ModuleCatalog(modules);
        services.AddSingleton(storage);
        services.AddSingleton(catalog);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        DapperTypeHandlers.Register(storage.Provider);

        services.AddSingleton(sp => DbResilience.Build(sp.GetRequiredService<TimeProvider>()));
        foreach (var module in modules)
        {
            var schema = module.Schema;
            services.AddKeyedSingleton<IModuleDb>(schema, (sp, _) =>
            {
                var pipeline = sp.GetRequiredService<Polly.ResiliencePipeline>();
                return storage.Provider == StorageProvider.Sqlite
                    ? new SqliteModuleDb(schema, SqliteFiles.PathFor(storage, schema), pipeline, storage.SqliteCacheMiB, sp.GetRequiredService<TimeProvider>(), storage.SqliteWriterCacheMiB)
                    : new SqlServerModuleDb(schema, storage.SqlServerConnectionString!, pipeline);
            });
            services.AddSingleton<IChainCheck>(sp => new AuditChainCheck(sp.GetRequiredKeyedService<IModuleDb>(schema)));
        }

        if (storage.Provider == StorageProvider.Sqlite)
        {
            services.AddSingleton<IJobLease, InProcessJobLease>();
        }
        else
        {
            services.AddSingleton<IJobLease, SqlServerJobLease>();
        }

        services.AddMetrics();
        services.AddHostedService<OperationalGauges>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<InstallationGuard>();
        services.AddSingleton<IAuditActor, HttpAuditActor>();
        services.AddSingleton<IAuditWriter, AuditWriter>();

        services.AddSettings<RetentionOptions>(configuration, RetentionOptions.Section);
        services.AddSingleton<LegalHolds>();
        services.AddSingleton<RetentionGuard>();
        services.AddSingleton<DisposalService>();

        services.AddSettings<CalendarOptions>(configuration, CalendarOptions.Section);
        services.AddSingleton<IWorkingCalendar, WorkingCalendar>();
        services.AddSingleton<OperationalAlertStore>();
        services.AddSingleton<IOperationalAlerts>(sp => sp.GetRequiredService<OperationalAlertStore>());
        services.AddSingleton<CalendarWatch>();
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<ShippedCalendar>();

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<BootstrapAdminKey>();

        services.AddPersonalDataProtection(configuration);

        services.AddSingleton<IdempotencyStore>();
        services.AddBackgroundJob<DisposalJob>(configuration);
        services.AddBackgroundJob<IdempotencyPruneJob>(configuration);
        services.AddBackgroundJob<CalendarWatchJob>(configuration);
        services.AddSettings<IntegrationEventOptions>(configuration, IntegrationEventOptions.Section);
        services.AddBackgroundJob<IntegrationEventDispatcher>(configuration);

        foreach (var module in modules)
        {
            module.AddServices(services, configuration);
        }

        return services;
    }

    /// <summary>
    /// <c>BackgroundJobs:Enabled</c> (default true): false keeps this host (or a test) from running periodic jobs on
    /// their own; another host runs them. Modules register their hosted jobs only when this is true.
    /// </summary>
    public static bool BackgroundJobsEnabled(IConfiguration configuration) => configuration.GetValue("BackgroundJobs:Enabled", true);

    /// <summary>Reads <c>Storage</c> and <c>ConnectionStrings:SqlServer</c>, failing fast on an unusable setting.</summary>
    public static StorageOptions ReadStorage(IConfiguration configuration)
    {
        // The binder would take "1" or "Sqlite,SqlServer" (OR-ed into SqlServer): the setting must be exactly one name.
        var provider = configuration[StorageOptions.Section + ":Provider"];
        if (provider is not null && !Http.StrictEnum.TryParse<StorageProvider>(provider, out _))
        {
            throw new InvalidOperationException($"Storage:Provider {Http.StrictEnum.Allowed(typeof(StorageProvider))}");
        }

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        storage.SqlServerConnectionString = configuration.GetConnectionString("SqlServer");
        if (storage.Provider == StorageProvider.SqlServer && string.IsNullOrWhiteSpace(storage.SqlServerConnectionString))
        {
            throw new InvalidOperationException("Storage:Provider is SqlServer but ConnectionStrings:SqlServer is empty.");
        }

        if (storage.SqliteCacheMiB is < 0 or > 4096)
        {
            throw new InvalidOperationException("Storage:SqliteCacheMiB must be between 0 (SQLite's default) and 4096.");
        }

        if (storage.SqliteWriterCacheMiB is < 0 or > 4096)
        {
            throw new InvalidOperationException("Storage:SqliteWriterCacheMiB must be between 0 (SQLite's default) and 4096.");
        }

        if (storage.Provider == StorageProvider.Sqlite)
        {
            SqliteFiles.EnsurePrivateFolder(storage.DataDirectoryFullPath);
        }

        return storage;
    }
}
