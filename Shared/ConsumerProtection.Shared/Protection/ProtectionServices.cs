using ConsumerProtection.Shared.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Shared.Protection;

internal static class ProtectionServices
{
    public static IServiceCollection AddPersonalDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
        {
            var options = configuration.GetSection(ProtectionOptions.Section).Get<ProtectionOptions>() ?? new ProtectionOptions();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<PersonalDataProtector>();
            var keyring = ProtectionKeyring.Load(options, sp.GetRequiredService<StorageOptions>().DataDirectoryFullPath,
                sp.GetRequiredService<TimeProvider>(), message => logger.LogWarning("{Message}", message));
            logger.LogInformation("Personal-data keys from {Source}: active {KeyId}, {Count} key(s) decrypt", keyring.Source, keyring.ActiveKeyId, keyring.Keys.Count);
            return new PersonalDataProtector(keyring);
        });
        services.AddHostedService<ProtectionStartup>();
        return services;
    }
}

/// <summary>
/// Loads the keys as the host starts, so a malformed key setting stops it before it serves anything; then warns
/// while records are still plaintext or under an older key (the <c>rekey</c> verb moves them).
/// </summary>
internal sealed class ProtectionStartup(IServiceProvider services, ILogger<ProtectionStartup> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<PersonalDataProtector>();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        foreach (var rekeyer in services.GetServices<IPersonalDataRekeyer>())
        {
            try
            {
                var pending = await rekeyer.CountPendingAsync(stoppingToken);
                if (pending > 0)
                {
                    logger.LogWarning("{Module}: {Count} record(s) hold personal data in plaintext or under an older key; run the host with 'rekey'",
                        rekeyer.Name, pending);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "{Module}: could not count records awaiting rekey", rekeyer.Name);
            }
        }
    }
}
