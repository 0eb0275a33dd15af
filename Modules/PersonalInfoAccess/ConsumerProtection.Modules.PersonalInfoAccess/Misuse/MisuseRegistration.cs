using ConsumerProtection.Shared.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary>Misuse detection's services and endpoints, registered by the module in one call each.</summary>
internal static class MisuseRegistration
{
    public static void AddMisuseDetection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MisuseOptions>().Bind(configuration.GetSection(MisuseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MisuseOptions>, MisuseOptionsValidation>();
        services.AddSingleton<MisuseDetector>();
        // Off (tests, extra hosts): the rules do not run on their own; RunOnceAsync and POST misuse-runs still work.
        services.AddBackgroundJob<MisuseJob>(configuration);
    }

    public static void MapMisuseDetection(this RouteGroupBuilder group)
    {
        CustomerFlagEndpoints.Map(group);
        AlertEndpoints.Map(group);
        AlertEndpoints.MapWorkflow(group);
        MajorEventEndpoints.Map(group);
        MisuseRunEndpoints.Map(group);
    }
}
