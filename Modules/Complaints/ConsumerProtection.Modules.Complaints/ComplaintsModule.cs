using ConsumerProtection.Modules.Complaints.Attachments;
using ConsumerProtection.Modules.Complaints.DeadlineAlerts;
using ConsumerProtection.Modules.Complaints.Handling;
using ConsumerProtection.Modules.Complaints.Import;
using ConsumerProtection.Modules.Complaints.Incidents;
using ConsumerProtection.Modules.Complaints.Infrastructure.Protection;
using ConsumerProtection.Modules.Complaints.Infrastructure.Retention;
using ConsumerProtection.Modules.Complaints.Infrastructure.Seeding;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.Complaints.Intake;
using ConsumerProtection.Modules.Complaints.Reading;
using ConsumerProtection.Modules.Complaints.Regulator;
using ConsumerProtection.Modules.Complaints.Statistics;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Shared.Events;
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
using Microsoft.Extensions.DependencyInjection.Extensions;

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
    /// <remarks>Reads of consumers' details are recorded in the bank-wide personal-information access log (JR/T 0171-2020).</remarks>
    public IReadOnlyList<string> DependsOn => ["PersonalInfoAccess"];

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ComplaintsOptions>(configuration, ComplaintsOptions.Section);
        services.AddSingleton<ConsumerData>();
        services.AddSingleton<ComplaintStore>();
        services.AddSingleton<ComplaintViewCache>();
        services.AddSingleton<IntakeQueue>();
        services.AddSingleton<ComplaintRekeyer>();
        services.AddSingleton<IPersonalDataRekeyer>(sp => sp.GetRequiredService<ComplaintRekeyer>());
        services.AddSingleton<Taxonomy>();
        services.AddSingleton<Transitions>();
        services.AddSingleton<HandlerDirectory>();
        services.AddSingleton<ComplaintImporter>();
        services.AddSingleton<Contracts.IComplaintHistoryImport>(sp => sp.GetRequiredService<ComplaintImporter>());
        services.AddSingleton<Contracts.IComplaintFigures, ComplaintFiguresQuery>();
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
        services.AddIntegrationOutbox(Schema);
        // Reads of consumer details are recorded in the access log; a host without that module records nothing there.
        services.TryAddSingleton<IPersonalInfoAccessLog, AccessLogNotRunning>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/complaints").WithTags("Complaints");
        FileComplaintEndpoints.Map(group);
        GetComplaintEndpoints.Map(group);
        SearchComplaintsEndpoints.Map(group);
        ChangeComplaintEndpoints.Map(group);
        LifecycleTableEndpoints.Map(group);
        ImportComplaintsEndpoints.Map(group);
        AttachmentsEndpoints.Map(group);
        CodesEndpoints.Map(group);
        IncidentsEndpoints.Map(group);
        MonthlyStatisticsEndpoints.Map(group);
        ExportComplaintsEndpoints.Map(group);
        RegulatorStatusEndpoints.Map(group);
        DeleteComplaintEndpoints.Map(group);
    }
}
