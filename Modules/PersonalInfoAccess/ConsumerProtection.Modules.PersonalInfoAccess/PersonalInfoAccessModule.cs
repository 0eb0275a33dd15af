using ConsumerProtection.Modules.PersonalInfoAccess.Chain;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Modules.PersonalInfoAccess.Infrastructure.Retention;
using ConsumerProtection.Modules.PersonalInfoAccess.Infrastructure.Seeding;
using ConsumerProtection.Modules.PersonalInfoAccess.Ingest;
using ConsumerProtection.Modules.PersonalInfoAccess.Misuse;
using ConsumerProtection.Modules.PersonalInfoAccess.Purge;
using ConsumerProtection.Modules.PersonalInfoAccess.Queries;
using ConsumerProtection.Shared.Events;
using ConsumerProtection.Shared.Modules;
using ConsumerProtection.Shared.Operations;
using ConsumerProtection.Shared.Retention;
using ConsumerProtection.Shared.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess;

/// <summary>
/// The personal-information access log (个人金融信息保护, PBOC JR/T 0171-2020): every access to a customer's personal
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
        services.AddSettings<PersonalInfoAccessOptions>(configuration, PersonalInfoAccessOptions.Section);
        services.AddSingleton<CategoryCatalog>();
        services.AddSingleton<EventValidation>();
        services.AddSingleton<EventAppender>();
        services.AddSingleton<GroupCommitWriter>();
        services.AddSingleton<IPersonalInfoAccessLog, AccessLog>();
        services.AddSingleton<IAccessLogFigures, Queries.AccessLogFiguresQuery>();
        services.AddSingleton<ISeeder, PersonalInfoAccessSeeder>();
        services.AddSingleton<ReadAudit>();

        // A confirmed leak raises into the office's major-event register through this outbox (plan 6 art. 41(5), ADR 0008).
        services.AddIntegrationOutbox(SchemaName);

        // Retention: events are purged in batches; a customer record type exists for legal holds.
        services.AddSingleton<IRetentionRecordSource, EventRetentionSource>();
        services.AddSingleton<IRetentionRecordSource, CustomerHoldSource>();

        // Purges are signed into the purge ledger; an upgraded database signs its payload-v1/v2 cut-over at start.
        services.AddSingleton<PurgeLedger>();
        services.AddSingleton<PurgeLedgerCutOver>();
        services.AddHostedService(sp => sp.GetRequiredService<PurgeLedgerCutOver>());

        // Tamper evidence: signed checkpoints (by count on every host that writes; by time as a background job) and verification.
        services.AddSettings<CheckpointOptions>(configuration, CheckpointOptions.Section);
        services.AddSingleton<CheckpointKey>();
        services.AddSingleton<Checkpointer>();
        services.AddSingleton<ChainVerifier>();
        services.AddSingleton<IChainCheck, AccessLogChainCheck>();
        services.AddSingleton<CheckpointTrigger>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckpointTrigger>());
        services.AddBackgroundJob<CheckpointJob>(configuration);

        // Misuse detection: rules job over the log, alerts workflow, customer flags, major events.
        services.AddMisuseDetection(configuration);
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/pi-access").WithTags("Personal-information access log");
        IngestEndpoints.Map(group);

        // Queries, data-subject reports and the CSV export.
        QueryEventsEndpoints.Map(group);
        ExportEventsEndpoints.Map(group);
        SubjectReportsEndpoints.Map(group);

        // Tamper evidence.
        CheckpointEndpoints.Map(group);
        VerifyEndpoints.Map(group);

        // Misuse detection.
        group.MapMisuseDetection();
    }
}
