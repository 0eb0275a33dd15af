using ConsumerProtection.Modules.DisclosureReview.Checking;

namespace ConsumerProtection.DisclosureReview.Tests.Checking;

public sealed class TextNormalizerTests
{
    [TestCase("保 本", "保本")]
    [TestCase("保\u200b本", "保本")]
    [TestCase("保\ufeff本", "保本")]
    [TestCase("保-本", "保本")]
    [TestCase("“保”“本”", "保本")]
    [TestCase("保證", "保证")]
    [TestCase("穩賺", "稳赚")]
    [TestCase("ＧＵＡＲＡＮＴＥＥＤ", "guaranteed")]
    [TestCase("４．５％", "4.5%")]
    [TestCase("risk  free", "risk free")]
    [TestCase("risk-free", "riskfree")]
    [TestCase("No. 1", "no 1")]
    [TestCase("保，本，理，财，火热认购", "保本理财,火热认购")]
    [TestCase("甲方，乙方", "甲方,乙方")]
    public void Normalize_FoldsEvasionsAndForms(string input, string expected) =>
        Assert.That(TextNormalizer.Normalize(input).Text, Is.EqualTo(expected));

    [Test]
    public void Normalize_KeepsClauseBoundaries() =>
        Assert.That(TextNormalizer.Normalize("不保本，稳赚。Risk. Free").Text, Is.EqualTo("不保本,稳赚。risk。free"));

    [Test]
    public void Normalize_MapsBackToOriginalOffsets()
    {
        const string original = "甲：保 \u200b本！";
        var n = TextNormalizer.Normalize(original);
        var at = n.Text.IndexOf("保本", StringComparison.Ordinal);
        var (start, end) = n.Original(at, at + 2);
        Assert.That(original[start..end], Is.EqualTo("保 \u200b本"));
    }

    [Test]
    public void NormalizePattern_ClausePunctuationIsFiller() =>
        Assert.That(TextNormalizer.NormalizePattern("理财非存款、产品有风险"), Is.EqualTo("理财非存款产品有风险"));
}
