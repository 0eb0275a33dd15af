using ConsumerProtection.Modules.DisclosureReview.Checking;
using ConsumerProtection.Modules.DisclosureReview.Clearance;
using ConsumerProtection.Modules.DisclosureReview.Contracts;
using ConsumerProtection.Modules.DisclosureReview.Documents;
using ConsumerProtection.Modules.DisclosureReview.Infrastructure;
using ConsumerProtection.Modules.DisclosureReview.ProductDocuments;
using ConsumerProtection.Modules.DisclosureReview.Products;
using ConsumerProtection.Modules.DisclosureReview.Reviews;
using ConsumerProtection.Shared.Events;
using ConsumerProtection.Shared.Modules;
using ConsumerProtection.Shared.Retention;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.DisclosureReview;

/// <summary>
/// Product and disclosure review (消费者权益保护审查, plan 6 arts. 11(7), 20–22, 27, 32–34): product
/// documents and marketing material, their automatic checks against a versioned rule set, and the officers' review
/// before launch. Schema <c>disclosure</c>, routes under <c>/api/v1/disclosure</c>.
/// </summary>
public sealed class DisclosureReviewModule : IModule
{
    /// <summary>The module's schema.</summary>
    public const string SchemaName = "disclosure";

    /// <inheritdoc />
    public string Name => "DisclosureReview";

    /// <inheritdoc />
    public string Schema => SchemaName;

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<DisclosureOptions>(configuration, DisclosureOptions.Section);
        services.AddSingleton<DocumentReader>();
        services.AddSingleton<RuleSetCompiler>();
        services.AddSingleton<RuleSetStore>();
        services.AddSingleton<ProductStore>();
        services.AddSingleton<ProductChanges>();
        services.AddSingleton<ReviewReader>();
        services.AddSingleton<ReviewChanges>();
        services.AddSingleton<LaunchClearance>();
        services.AddSingleton<ClearanceCache>();
        services.AddSingleton<UnclearedLaunches>();
        // Uncleared launches raise into the office's major-event register through this schema's outbox (ADRs 0006, 0008).
        services.AddIntegrationOutbox(Schema);
        services.AddSingleton<IDisclosureReviewFigures, ReviewFigures>();
        services.AddSingleton<IRetentionRecordSource, ProductRetentionSource>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/disclosure").WithTags("Disclosure review");
        CheckingEndpoints.Map(group);
        ProductsEndpoints.Map(group);
        ProductDocumentsEndpoints.Map(group);
        ReviewsEndpoints.Map(group);
        ClearanceEndpoints.Map(group);
    }
}
