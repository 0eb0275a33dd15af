using ConsumerProtection.Modules.Training.Attendance;
using ConsumerProtection.Modules.Training.Catalogue;
using ConsumerProtection.Modules.Training.Contracts;
using ConsumerProtection.Modules.Training.Coverage;
using ConsumerProtection.Modules.Training.Infrastructure;
using ConsumerProtection.Modules.Training.Staff;
using ConsumerProtection.Shared.Retention;
using ConsumerProtection.Shared.Seeding;
using ConsumerProtection.Shared.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.Training;

/// <summary>
/// Staff consumer-protection training (培训, plan 6 art. 39; plans 4 and 7): the staff registry and HR import, courses,
/// sessions, attendance and tests, requirements, coverage and due lists. Schema <c>training</c>, routes under
/// <c>/api/v1/training</c>.
/// </summary>
public sealed class TrainingModule : IModule
{
    /// <summary>The module's schema.</summary>
    public const string SchemaName = "training";

    /// <inheritdoc />
    public string Name => "Training";

    /// <inheritdoc />
    public string Schema => SchemaName;

    /// <inheritdoc />
    /// <remarks>Reads of staff names are recorded in the bank-wide personal-information access log (PIPL art. 51).</remarks>
    public IReadOnlyList<string> DependsOn => ["PersonalInfoAccess"];

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<TrainingOptions>(configuration, TrainingOptions.Section);
        services.AddSingleton<TrainingStore>();
        services.AddSingleton<StaffImporter>();
        services.AddSingleton<IStaffRosterImport>(sp => sp.GetRequiredService<StaffImporter>());
        services.AddSingleton<ISeeder, TrainingSeeder>();
        services.AddSingleton<AttendanceRecorder>();
        services.AddSingleton<CoverageQuery>();
        services.AddSingleton<ITrainingFigures, TrainingFigures>();
        services.AddSingleton<IRetentionRecordSource, TrainingRetentionSource>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/training").WithTags("Training");
        StaffEndpoints.Map(group);
        CatalogueEndpoints.Map(group);
        AttendanceEndpoints.Map(group);
        CoverageEndpoints.Map(group);
    }
}
