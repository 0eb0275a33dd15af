using ConsumerProtection.Modules.DisclosureReview.Checking;
using ConsumerProtection.Modules.DisclosureReview.Documents;

namespace ConsumerProtection.DisclosureReview.Tests.Infrastructure;

/// <summary>The shipped default rule set, compiled once, and a shortcut to check text with it.</summary>
internal static class Rules
{
    public static readonly CompiledRuleSet Default = new(1, RuleSetCompiler.Parse(RuleSetCompiler.DefaultJson()));

    public static readonly CheckSubject WealthMarketing = new(ProductType.WealthManagement, false, RiskGrade.R2, DocumentType.MarketingMaterial);

    public static readonly CheckSubject DepositRules = new(ProductType.Deposit, true, RiskGrade.R1, DocumentType.ProductRules);

    public static IReadOnlyList<Finding> Check(string text, CheckSubject? subject = null) =>
        Checker.Check(Default, ExtractedDocument.FromText(text), subject ?? WealthMarketing);

    public static IReadOnlyList<string> Ids(string text, CheckSubject? subject = null) =>
        Check(text, subject).Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The sentence and grade a wealth-management marketing text must carry, so a test sees only its own finding.</summary>
    public const string Compliant = "理财非存款、产品有风险、投资须谨慎。本产品风险等级为R2。";
}
