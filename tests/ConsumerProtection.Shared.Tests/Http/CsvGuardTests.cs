using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Shared.Tests.Http;

/// <summary>Formula injection: spreadsheets skip white space, zero-width characters and a BOM before a formula.</summary>
public sealed class CsvGuardTests
{
    [TestCase("=1+1")]
    [TestCase(" =HYPERLINK(\"x\")")]
    [TestCase("\u00A0+1")]
    [TestCase("\u200B=cmd|' /C calc'!A0")]
    [TestCase("\uFEFF@SUM(A1)")]
    [TestCase("\u200D\u2060-2+3")]
    [TestCase("\t=1")]
    [TestCase("\r\n=1")]
    public void Field_FormulaBehindWhiteSpaceOrInvisibleCharacters_IsPrefixed(string value) =>
        Assert.That(Csv.Field(value).TrimStart('"'), Does.StartWith("'"));

    [TestCase("a=b")]
    [TestCase("年费 = 300")]
    [TestCase("  plain text")]
    [TestCase("\u200Bword")]
    public void Field_NotAFormula_IsUnchanged(string value) =>
        Assert.That(Csv.Field(value).TrimStart('"'), Does.Not.StartWith("'"));
}
