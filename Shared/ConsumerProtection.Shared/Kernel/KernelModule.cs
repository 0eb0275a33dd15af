using ConsumerProtection.Shared.Events;
using ConsumerProtection.Shared.Kernel.Features;
using ConsumerProtection.Shared.MajorEvents;
using ConsumerProtection.Shared.Modules;
using ConsumerProtection.Shared.Retention;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Shared.Kernel;

/// <summary>
/// The shared kernel's own module (schema <c>kernel</c>): API keys, the working-day calendar, legal holds,
/// idempotency records, the major-event register and the audit endpoints for every schema. Listed first by the Host.
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

        // The office's one major-event register (plan 6 art. 41, ADR 0008): raisers publish, the kernel registers.
        services.AddSingleton<IMajorEventRegister, OutboxMajorEventRegister>();
        services.AddIntegrationEventHandler<MajorEventRaised, MajorEventRegisterHandler>();
        services.AddSingleton<IRetentionRecordSource, MajorEventRetentionSource>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        ApiKeyEndpoints.Map(api);
        CalendarEndpoints.Map(api);
        AlertEndpoints.Map(api);
        AuditEndpoints.Map(api);
        RetentionEndpoints.Map(api);
        MajorEventEndpoints.Map(api);
        WhoAmI.Map(api);
    }
}
