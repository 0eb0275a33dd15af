using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Shared.Modules;

/// <summary>
/// Settings that state their own rules: <see cref="Violations"/> lists every broken rule, each message naming the
/// setting (<c>Complaints:DeadlineJobBatchSize must be 1 to 10000.</c>). Registered with
/// <see cref="ModuleRegistration.AddSettings{T}"/>, start-up then fails naming each bad setting.
/// </summary>
public interface ISettingsRules
{
    /// <summary>Every broken rule, each naming its setting by its configuration path; empty when all hold.</summary>
    IEnumerable<string> Violations();
}

/// <summary>The one way modules and the kernel register settings and background jobs.</summary>
public static class ModuleRegistration
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> and validates it at start-up through
    /// <see cref="IValidateOptions{TOptions}"/>: a host with bad settings refuses to start with an
    /// <see cref="OptionsValidationException"/> listing every violation, not a generic "settings are invalid".
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class, ISettingsRules, new()
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, SettingsRulesValidator<T>>());
        services.AddSingleton(new SettingsSection(section, c =>
        {
            var settings = new T();
            c.GetSection(section).Bind(settings);
            return settings.Violations();
        }));
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>
    /// Checks every section registered with <see cref="AddSettings{T}"/> at once and throws one
    /// <see cref="OptionsValidationException"/> naming every bad setting of every module. The Host calls it first thing
    /// after building, because a service that reads its settings while being built (a validator's dependency) would
    /// otherwise report only its own section.
    /// </summary>
    public static void ValidateAllSettings(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var violations = new List<string>();
        foreach (var section in services.GetServices<SettingsSection>())
        {
            try
            {
                violations.AddRange(section.Violations(configuration));
            }
            catch (InvalidOperationException ex)
            {
                // The binder could not convert a value ("abc" for a number): its message names the setting's path.
                violations.Add($"{section.Name}: {ex.Message}");
            }
        }

        if (violations.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ISettingsRules), violations);
        }
    }

    private sealed record SettingsSection(string Name, Func<IConfiguration, IEnumerable<string>> Violations);

    /// <summary>
    /// Registers a background job as a singleton (so an operator verb or a test can run it once) and, when
    /// <c>BackgroundJobs:Enabled</c> (default true) and <paramref name="when"/> hold, as a hosted service of this host.
    /// <c>BackgroundJobs:Enabled=false</c> keeps a host (or a test) out of the job rota; another host runs the jobs.
    /// </summary>
    public static IServiceCollection AddBackgroundJob<TJob>(this IServiceCollection services, IConfiguration configuration, bool when = true)
        where TJob : class, IHostedService
    {
        services.TryAddSingleton<TJob>();
        if (when && SharedKernel.BackgroundJobsEnabled(configuration))
        {
            services.AddHostedService(sp => sp.GetRequiredService<TJob>());
        }

        return services;
    }

    private sealed class SettingsRulesValidator<T> : IValidateOptions<T>
        where T : class, ISettingsRules
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var violations = options.Violations().ToList();
            return violations.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(violations);
        }
    }
}
