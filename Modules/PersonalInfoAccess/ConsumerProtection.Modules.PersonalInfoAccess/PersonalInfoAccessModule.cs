using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Modules.PersonalInfoAccess.Ingest;
using ConsumerProtection.Modules.PersonalInfoAccess.Misuse;
using ConsumerProtection.Shared.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess;

/// <summary>
/// The personal-information access log (个人金融信息保护, REFERENCE.md §3): every access to a customer's personal
/// financial data, append-only and hash-chained with signed checkpoints, queryable by privacy officers and auditors,
/// watched for misuse. Schema <c>piaccess</c>.
/// </summary>
public sealed class PersonalInfoAccessModule : IModule
{
    /// <summary>The module's schema.</summary>
    public const string SchemaName = "piaccess";

    /// <inheritdoc />
    public string Name => "PersonalInfoAccess";

    /// <inheritdoc />
    public string Schema => SchemaName;

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PiAccessOptions>().Bind(configuration.GetSection(PiAccessOptions.Section))
            .Validate(o => !o.Violations().Any(), "PiAccess settings are invalid; see the PiAccess section of the README.")
            .ValidateOnStart();
        services.AddSingleton<CategoryCatalog>();
        services.AddSingleton<EventValidation>();
        services.AddSingleton<EventAppender>();
        services.AddSingleton<GroupCommitWriter>();
        services.AddSingleton<IPersonalInfoAccessLog, AccessLog>();
        services.AddMisuseDetection(configuration);
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/pi-access").WithTags("Personal-information access log");
        IngestEndpoints.Map(group);
        group.MapMisuseDetection();
    }
}
