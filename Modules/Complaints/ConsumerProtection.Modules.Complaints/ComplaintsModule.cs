using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Features;
using ConsumerProtection.Modules.Complaints.Features.Import;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.Complaints.Regulator;
using ConsumerProtection.Modules.Complaints.Infrastructure.DeadlineAlerts;
using ConsumerProtection.Modules.Complaints.Infrastructure.Protection;
using ConsumerProtection.Modules.Complaints.Infrastructure.Retention;
using ConsumerProtection.Modules.Complaints.Infrastructure.Seeding;
using ConsumerProtection.Shared.Modules;
using ConsumerProtection.Shared.Protection;
using ConsumerProtection.Shared.Retention;
using ConsumerProtection.Shared.Seeding;
using ConsumerProtection.Shared.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.Complaints;

/// <summary>
/// Complaints (投诉处理): intake by tellers and system clients, routing and handling against two deadline clocks,
/// major-incident detection, regulator transfers and monthly statistics. Schema <c>complaints</c>.
/// </summary>
public sealed class ComplaintsModule : IModule
{
    /// <summary>The module's schema.</summary>
    public const string SchemaName = "complaints";

    /// <inheritdoc />
    public string Name => "Complaints";

    /// <inheritdoc />
    public string Schema => SchemaName;

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ComplaintsOptions>(configuration, ComplaintsOptions.Section);
        services.AddSingleton<ConsumerData>();
        services.AddSingleton<ComplaintStore>();
        services.AddSingleton<IntakeQueue>();
        services.AddSingleton<ComplaintRekeyer>();
        services.AddSingleton<IPersonalDataRekeyer>(sp => sp.GetRequiredService<ComplaintRekeyer>());
        services.AddSingleton<Taxonomy>();
        services.AddSingleton<Transitions>();
        services.AddSingleton<HandlerDirectory>();
        services.AddSingleton<ComplaintImporter>();
        services.AddSingleton<Contracts.IComplaintHistoryImport>(sp => sp.GetRequiredService<ComplaintImporter>());
        // Every hook that must run inside a state change's transaction (the regulator outbox, and any later one).
        services.Scan(scan => scan.FromAssemblyOf<ComplaintsModule>()
            .AddClasses(c => c.AssignableTo<ITransitionHook>(), publicOnly: false)
            .AsImplementedInterfaces().WithSingletonLifetime());
        services.AddRegulatorGateway(configuration);
        services.AddSingleton<ComplaintRetentionSource>();
        services.AddSingleton<IRetentionRecordSource>(sp => sp.GetRequiredService<ComplaintRetentionSource>());
        services.AddSingleton<IRetentionRecordSource, RegulatorResultRetention>();
        services.AddSingleton<IRetentionRecordSource, TransferRejectionRetention>();
        services.AddSingleton<CalendarRestamp>();
        services.AddSingleton<ICalendarChangeListener, ComplaintsCalendarListener>();
        services.AddSingleton<ISeeder, ComplaintSeeder>();
        services.AddBackgroundJob<DeadlineJob>(configuration);
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/complaints").WithTags("Complaints");
        FileComplaint.Map(group);
        GetComplaint.Map(group);
        SearchComplaints.Map(group);
        ChangeComplaint.Map(group);
        LifecycleTable.Map(group);
        ImportComplaints.Map(group);
        Features.Attachments.Attachments.Map(group);
        Codes.Map(group);
        Incidents.Map(group);
        MonthlyStatistics.Map(group);
        ExportComplaints.Map(group);
        RegulatorStatus.Map(group);
        DeleteComplaint.Map(group);
    }
}
