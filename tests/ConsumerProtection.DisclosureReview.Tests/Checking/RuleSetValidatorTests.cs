using ConsumerProtection.Modules.DisclosureReview.Checking;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.DisclosureReview.Tests.Checking;

public sealed class RuleSetValidatorTests
{
    [Test]
    public void Validate_ShippedDefault_IsValid_AndCoversEveryKind()
    {
        var content = RuleSetCompiler.Parse(RuleSetCompiler.DefaultJson());
        var v = new Validation();
        RuleSetValidator.Validate(content, v);
        Assert.Multiple(() =>
        {
            Assert.That(v.IsValid, Is.True, v.Describe());
            Assert.That(content.Rules.Select(r => r.Kind).Distinct(), Is.EquivalentTo(Enum.GetNames<RuleKind>()));
            Assert.That(content.Rules.Where(r => !r.Source.Contains("art", StringComparison.Ordinal)).Select(r => r.Id), Is.Empty, "every rule cites its regulation");
        });
    }

    [Test]
    public void Validate_BadRule_NamesEachField()
    {
        var rule = new RuleContent
        {
            Id = "", Kind = "BannedClaim,Proximity", Severity = "0", Terms = ["#1", "ok phrase"], ExplanationZh = "说明", ExplanationEn = "why", Source = "art. 1",
            When = new RuleCondition { ProductTypes = ["Deposit", "deposit"] },
        };
        var v = new Validation();
        RuleSetValidator.Validate(new RuleSetContent { Rules = [rule] }, v);
        var text = v.Describe();
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("content.rules[0].id:"));
            Assert.That(text, Does.Contain("content.rules[0].kind:"));
            Assert.That(text, Does.Contain("content.rules[0].severity:"));
            Assert.That(text, Does.Contain("content.rules[0].terms[0]:"));
            Assert.That(text, Does.Not.Contain("content.rules[0].terms[1]:"));
            Assert.That(text, Does.Contain("content.rules[0].when.productTypes[1]:"));
        });
    }
}
