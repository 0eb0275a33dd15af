using ConsumerProtection.Shared.Events;
using ConsumerProtection.Shared.Kernel.Features;
using ConsumerProtection.Shared.Modules;
using ConsumerProtection.Shared.Retention;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Shared.Kernel;

/// <summary>
/// The shared kernel's own module (schema <c>kernel</c>): API keys, the working-day calendar, legal holds,
/// idempotency records and the audit endpoints for every schema. Listed first by the Host.
/// </summary>
public sealed class KernelModule : IModule
{
    /// <summary>The kernel's schema name.</summary>
    public const string SchemaName = "kernel";

    /// <inheritdoc />
    public string Name => "Kernel";

    /// <inheritdoc />
    public string Schema => SchemaName;

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ApiKeyRetentionSource>();
        services.AddSingleton<IRetentionRecordSource>(sp => sp.GetRequiredService<ApiKeyRetentionSource>());
        services.AddIntegrationOutbox(SchemaName);
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        ApiKeyEndpoints.Map(api);
        CalendarEndpoints.Map(api);
        AlertEndpoints.Map(api);
        AuditEndpoints.Map(api);
        RetentionEndpoints.Map(api);
        WhoAmI.Map(api);
    }
}
