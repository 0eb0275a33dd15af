using ConsumerProtection.Shared.Http.Workflow;

namespace ConsumerProtection.Modules.DisclosureReview.Products;

/// <summary>
/// A product's life (plan 6 arts. 20–21: reviewed before launch): Draft → InReview → Approved → Launched → Suspended →
/// Retired. A review's decision moves InReview back to Draft (changes requested, rejected) or on to Approved; a new
/// document version moves Approved back to Draft (the approval is void).
/// </summary>
internal enum ProductStatus
{
    /// <summary>Being prepared; documents may change.</summary>
    Draft,

    /// <summary>Submitted for consumer-protection review.</summary>
    InReview,

    /// <summary>Review approved; may launch.</summary>
    Approved,

    /// <summary>On sale.</summary>
    Launched,

    /// <summary>Sales suspended.</summary>
    Suspended,

    /// <summary>No longer sold.</summary>
    Retired,
}

/// <summary>Ways a product is sold (plan 6 art. 20 lists the channels a review must consider).</summary>
internal enum SalesChannel
{
    /// <summary>Sold at branch counters.</summary>
    Counter,

    /// <summary>Sold on the website or app.</summary>
    Online,

    /// <summary>Sold by phone.</summary>
    Phone,

    /// <summary>Sold through a third party (agent or platform).</summary>
    ThirdParty,
}

/// <summary>What a caller may do to a product; the lifecycle says in which states.</summary>
internal enum ProductAction
{
    /// <summary>Change the product's details.</summary>
    Update,

    /// <summary>Add or replace a document.</summary>
    AddDocument,

    /// <summary>Submit for review.</summary>
    Submit,

    /// <summary>Put on sale (needs an approved review).</summary>
    Launch,

    /// <summary>Suspend sales.</summary>
    Suspend,

    /// <summary>Stop selling for good.</summary>
    Retire,
}

internal static class ProductLifecycle
{
    /// <summary>The lifecycle as the shared state machine (the 409 with allowedActions of every product change).</summary>
    public static readonly StateMachine<ProductStatus, ProductAction> Machine = new("product", new Dictionary<ProductStatus, ProductAction[]>
    {
        [ProductStatus.Draft] = [ProductAction.Update, ProductAction.AddDocument, ProductAction.Submit, ProductAction.Retire],
        [ProductStatus.InReview] = [ProductAction.AddDocument],
        [ProductStatus.Approved] = [ProductAction.AddDocument, ProductAction.Launch, ProductAction.Retire],
        [ProductStatus.Launched] = [ProductAction.Suspend, ProductAction.Retire],
        [ProductStatus.Suspended] = [ProductAction.Launch, ProductAction.Retire],
        [ProductStatus.Retired] = [],
    });

    public static bool Allows(ProductStatus status, ProductAction action) => Machine.Allows(status, action);

    public static IReadOnlyList<ProductAction> AllowedActions(ProductStatus status) => Machine.AllowedActions(status);

    /// <summary>The state after a product-system action (launch, suspend, retire).</summary>
    public static ProductStatus After(ProductAction action) => action switch
    {
        ProductAction.Launch => ProductStatus.Launched,
        ProductAction.Suspend => ProductStatus.Suspended,
        ProductAction.Retire => ProductStatus.Retired,
        ProductAction.Submit => ProductStatus.InReview,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
