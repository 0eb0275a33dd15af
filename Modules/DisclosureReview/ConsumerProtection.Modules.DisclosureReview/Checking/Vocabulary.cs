namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>Product types (plan 6 art. 22 grades them by risk).</summary>
internal enum ProductType
{
    /// <summary>A deposit product.</summary>
    Deposit,

    /// <summary>A wealth-management product.</summary>
    WealthManagement,

    /// <summary>A loan.</summary>
    Loan,

    /// <summary>A credit card.</summary>
    CreditCard,

    /// <summary>Insurance sold as the insurer's agent.</summary>
    InsuranceAgency,

    /// <summary>Funds sold as the fund manager's agent.</summary>
    FundAgency,

    /// <summary>Precious-metals trading or savings.</summary>
    PreciousMetals,

    /// <summary>A payment service.</summary>
    Payment,

    /// <summary>Any other product.</summary>
    Other,
}

/// <summary>Document types reviewed before launch (plan 6 art. 21: business rules, fees, contract clauses, promotional texts).</summary>
internal enum DocumentType
{
    /// <summary>The contract and its clauses.</summary>
    Contract,

    /// <summary>The fees and charges.</summary>
    FeeSchedule,

    /// <summary>Promotional text, posters, web and app copy.</summary>
    MarketingMaterial,

    /// <summary>The risk disclosure statement.</summary>
    RiskDisclosure,

    /// <summary>The product manual or description.</summary>
    ProductManual,

    /// <summary>The product's business rules.</summary>
    ProductRules,

    /// <summary>The script for selling by phone.</summary>
    PhoneSalesScript,
}

/// <summary>Product risk grade, R1 (lowest) to R5 (plan 6 art. 22).</summary>
internal enum RiskGrade
{
    /// <summary>Lowest risk (cautious).</summary>
    R1,

    /// <summary>Low to medium risk (steady).</summary>
    R2,

    /// <summary>Medium risk (balanced).</summary>
    R3,

    /// <summary>Medium to high risk (growth).</summary>
    R4,

    /// <summary>Highest risk (aggressive).</summary>
    R5,
}

/// <summary>How serious a finding is: a blocker stops approval until resolved or waived.</summary>
internal enum Severity
{
    /// <summary>Stops approval until resolved or waived.</summary>
    Blocker,

    /// <summary>A serious finding the reviewing officer weighs; it does not by itself stop approval.</summary>
    Major,

    /// <summary>A minor finding: wording or presentation to improve.</summary>
    Minor,
}

/// <summary>The four kinds of automatic check.</summary>
internal enum RuleKind
{
    /// <summary>Wording barred for the product (plan 6 art. 27(4); Advertising Law arts. 9, 25; CBRC 2011 No. 5 art. 13).</summary>
    BannedClaim,

    /// <summary>A statement that must stand near another: a return figure near a risk statement; past performance near its caveat.</summary>
    Proximity,

    /// <summary>Something the document must disclose (plan 6 art. 32).</summary>
    RequiredDisclosure,

    /// <summary>A clause limiting the bank's liability that must be visibly highlighted (plan 6 arts. 27(4)8, 32(1)).</summary>
    LiabilityClause,
}

/// <summary>What the checks know about the product and the document.</summary>
internal sealed record CheckSubject(ProductType ProductType, bool PrincipalProtected, RiskGrade RiskGrade, DocumentType DocumentType);
