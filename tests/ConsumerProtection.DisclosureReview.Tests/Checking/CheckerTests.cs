using ConsumerProtection.DisclosureReview.Tests.Infrastructure;
using ConsumerProtection.Modules.DisclosureReview.Checking;
using ConsumerProtection.Modules.DisclosureReview.Documents;

namespace ConsumerProtection.DisclosureReview.Tests.Checking;

public sealed class CheckerTests
{
    [TestCase("本产品保本保息。")]
    [TestCase("本产品保 本。")]
    [TestCase("本产品保\u200b本。")]
    [TestCase("本产品保\u200c本。")]
    [TestCase("本产品保-本。")]
    [TestCase("本产品保·本。")]
    [TestCase("本產品保證收益。")]
    [TestCase("本产品ＧＵＡＲＡＮＴＥＥＤ。")]
    [TestCase("Risk-free returns.")]
    public void Check_GuaranteeClaimOrEvasion_IsBlocker(string claim)
    {
        var findings = Rules.Check(Rules.Compliant + claim).Where(f => f.RuleId == "BAN-GUARANTEE").ToList();
        Assert.That(findings, Has.Count.EqualTo(1), claim);
        Assert.That(findings[0].Severity, Is.EqualTo(Severity.Blocker));
    }

    [TestCase("本产品为非保本浮动收益型产品。")]
    [TestCase("本产品不保本。")]
    [TestCase("本行不承诺保本。")]
    [TestCase("销售人员不得宣传保本、保息。")]
    [TestCase("严禁使用“稳赚”字样。")]
    [TestCase("Returns are not guaranteed.")]
    [TestCase("There is no guarantee of returns.")]
    [TestCase("Staff must not describe it as risk-free.")]
    public void Check_NegatedOrProhibited_IsNoClaim(string text) =>
        Assert.That(Rules.Ids(Rules.Compliant + text), Does.Not.Contain("BAN-GUARANTEE"));

    [Test]
    public void Check_PrincipalProtectedProduct_MaySayPrincipalProtected() =>
        Assert.That(Rules.Ids("保本浮动收益型结构性存款。", new CheckSubject(ProductType.Deposit, true, RiskGrade.R1, DocumentType.MarketingMaterial)), Is.Empty);

    [Test]
    public void Check_Finding_LocatesLineAndColumnInOriginalText()
    {
        var f = Rules.Check(Rules.Compliant + "\n第二行：保 本理财").Single(x => x.RuleId == "BAN-GUARANTEE");
        Assert.Multiple(() =>
        {
            Assert.That(f.Location, Is.EqualTo(new FindingLocation(null, null, 2, 5)));
            Assert.That(f.Matched, Is.EqualTo("保 本"));
            Assert.That(f.Excerpt, Does.Contain("保 本理财"));
            Assert.That(f.RuleSetVersion, Is.EqualTo(1));
            Assert.That(f.ExplanationZh, Is.Not.Empty);
            Assert.That(f.ExplanationEn, Is.Not.Empty);
            Assert.That(f.Source, Does.Contain("art. 27"));
        });
    }

    [Test]
    public void Check_SameInput_SameFindings()
    {
        var text = Rules.Compliant + "保本稳赚，行业第一！年化收益率5%。" + new string('好', 300) + "过往业绩优异。";
        var first = Rules.Check(text);
        var second = Rules.Check(text);
        Assert.That(second, Is.EqualTo(first).AsCollection);
        Assert.That(first, Has.Count.GreaterThanOrEqualTo(4));
    }

    [Test]
    public void Check_ReturnFigureFarFromRiskStatement_IsProximityFinding()
    {
        var far = "预期年化收益率4.5%。" + string.Concat(Enumerable.Repeat("认购起点一万元。", 30)) + Rules.Compliant;
        var near = Rules.Compliant + "预期年化收益率4.5%，产品有风险。";
        Assert.Multiple(() =>
        {
            Assert.That(Rules.Ids(far), Does.Contain("PROX-RETURN-RISK"));
            Assert.That(Rules.Ids(near), Does.Not.Contain("PROX-RETURN-RISK"));
        });
    }

    [Test]
    public void Check_RiskGradeDifferentFromProduct_NamesBoth()
    {
        var f = Rules.Check("理财非存款、产品有风险、投资须谨慎。本产品风险等级：R4。").Single(x => x.RuleId == "REQ-RISK-GRADE");
        Assert.That(f.ExplanationEn, Does.Contain("R4 ≠ R2"));
    }

    [Test]
    public void Check_MissingDisclosure_IsWholeDocumentFinding()
    {
        var f = Rules.Check("周周盈理财。").Single(x => x.RuleId == "REQ-WM-RISK-SENTENCE");
        Assert.That(f.Location, Is.EqualTo(new FindingLocation(null, null, null, null)));
    }

    [Test]
    public void Check_LiabilityClauseInDocx_HighlightedOnlyWhenFormatted()
    {
        var plain = new Paragraph(1, null, "因不可抗力造成的损失，本行不承担责任。", []);
        var bold = plain with { Emphasis = [new Emphasis(0, plain.Text.Length)] };
        var partly = plain with { Emphasis = [new Emphasis(0, 5)] };
        IReadOnlyList<Finding> Run(Paragraph p) => Checker.Check(Rules.Default, new ExtractedDocument(SourceFormat.Docx, [p]), Rules.DepositRules);
        Assert.Multiple(() =>
        {
            Assert.That(Run(plain).Select(f => f.RuleId), Does.Contain("LIAB-HIGHLIGHT"));
            Assert.That(Run(plain).Single().Location, Is.EqualTo(new FindingLocation(null, 1, null, null)));
            Assert.That(Run(bold), Is.Empty);
            Assert.That(Run(partly).Select(f => f.RuleId), Does.Contain("LIAB-HIGHLIGHT"));
        });
    }

    [Test]
    public void Check_OtherProductType_RuleDoesNotApply() =>
        Assert.That(Rules.Ids("安全、有保障。", new CheckSubject(ProductType.Deposit, true, RiskGrade.R1, DocumentType.MarketingMaterial)), Is.Empty);
}
