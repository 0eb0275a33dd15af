namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>Product types (plan 6 art. 22 grades them by risk).</summary>
internal enum ProductType
{
    Deposit,
    WealthManagement,
    Loan,
    CreditCard,
    InsuranceAgency,
    FundAgency,
    PreciousMetals,
    Payment,
    Other,
}

/// <summary>Document types reviewed before launch (plan 6 art. 21: business rules, fees, contract clauses, promotional texts).</summary>
internal enum DocumentType
{
    Contract,
    FeeSchedule,
    MarketingMaterial,
    RiskDisclosure,
    ProductManual,
    ProductRules,
    PhoneSalesScript,
}

/// <summary>Product risk grade, R1 (lowest) to R5 (plan 6 art. 22).</summary>
internal enum RiskGrade
{
    R1,
    R2,
    R3,
    R4,
    R5,
}

/// <summary>How serious a finding is: a blocker stops approval until resolved or waived.</summary>
internal enum Severity
{
    Blocker,
    Major,
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
