namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>
/// The documents a product must have before launch. Plan 6 art. 21 has the review cover the product's business rules,
/// fee schedule, contract clauses and promotional texts; art. 22 requires the risk grade and risk disclosure for
/// investment-type products; art. 20 covers each sales channel, so phone sales need their script. Configurable per
/// product type (<c>Disclosure:RequiredDocuments</c>); these are the defaults.
/// </summary>
internal static class RequiredDocuments
{
    public static readonly IReadOnlyDictionary<ProductType, DocumentType[]> Defaults = new Dictionary<ProductType, DocumentType[]>
    {
        [ProductType.Deposit] = [DocumentType.Contract, DocumentType.ProductRules, DocumentType.FeeSchedule],
        [ProductType.WealthManagement] = [DocumentType.Contract, DocumentType.ProductRules, DocumentType.RiskDisclosure, DocumentType.ProductManual],
        [ProductType.Loan] = [DocumentType.Contract, DocumentType.ProductRules, DocumentType.FeeSchedule],
        [ProductType.CreditCard] = [DocumentType.Contract, DocumentType.ProductRules, DocumentType.FeeSchedule],
        [ProductType.InsuranceAgency] = [DocumentType.Contract, DocumentType.RiskDisclosure, DocumentType.ProductManual],
        [ProductType.FundAgency] = [DocumentType.Contract, DocumentType.RiskDisclosure, DocumentType.ProductManual],
        [ProductType.PreciousMetals] = [DocumentType.Contract, DocumentType.RiskDisclosure, DocumentType.FeeSchedule],
        [ProductType.Payment] = [DocumentType.Contract, DocumentType.FeeSchedule],
        [ProductType.Other] = [DocumentType.Contract],
    };

    /// <summary>The required types for a product: configured or default, plus the phone-sales script when sold by phone.</summary>
    public static IReadOnlyList<DocumentType> For(DisclosureOptions options, ProductType type, bool soldByPhone)
    {
        var list = options.RequiredDocuments.TryGetValue(type.ToString(), out var configured)
            ? configured.Select(d => ConsumerProtection.Shared.Http.StrictEnum.FromStored<DocumentType>(d, "RequiredDocuments")).ToList()
            : [.. Defaults[type]];
        if (soldByPhone && !list.Contains(DocumentType.PhoneSalesScript))
        {
            list.Add(DocumentType.PhoneSalesScript);
        }

        return list;
    }
}
