using System.Globalization;
using System.Text.Json;
using ConsumerProtection.DisclosureReview.Tests.Infrastructure;
using ConsumerProtection.Modules.DisclosureReview.Checking;
using ConsumerProtection.Modules.DisclosureReview.Documents;

namespace ConsumerProtection.DisclosureReview.Tests.Checking;

/// <summary>
/// The labelled corpus (Corpus/corpus.json: zh and en passages, good and bad, evasions and negations, each with the
/// rule ids a compliance reviewer expects) checked with the shipped rule set. Precision and recall are counted per
/// rule kind over (passage, rule) pairs and printed; either below 0.95 fails.
/// </summary>
public sealed class CorpusTests
{
    private const double Threshold = 0.95;

    internal sealed record CorpusCase(
        string Id, string ProductType, bool PrincipalProtected, string RiskGrade, string DocumentType, string Text, IReadOnlyList<string> Expected);

    private sealed record Corpus(IReadOnlyList<CorpusCase> Cases);

    internal static IReadOnlyList<CorpusCase> Load()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Checking", "Corpus", "corpus.json");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
        return JsonSerializer.Deserialize<Corpus>(File.ReadAllText(path), options)!.Cases;
    }

    private static CheckSubject Subject(CorpusCase c) => new(
        Enum.Parse<ProductType>(c.ProductType), c.PrincipalProtected, Enum.Parse<RiskGrade>(c.RiskGrade), Enum.Parse<DocumentType>(c.DocumentType));

    [Test]
    public void Corpus_IsLargeAndMixed()
    {
        var cases = Load();
        Assert.Multiple(() =>
        {
            Assert.That(cases, Has.Count.GreaterThanOrEqualTo(80));
            Assert.That(cases.Select(c => c.Id), Is.Unique);
            Assert.That(cases.Count(c => c.Id.StartsWith("en-", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(20));
            Assert.That(cases.Count(c => c.Expected.Count == 0), Is.GreaterThanOrEqualTo(30), "good passages");
            var known = Rules.Default.Rules.Select(r => r.Content.Id).ToHashSet();
            Assert.That(cases.SelectMany(c => c.Expected).Where(id => !known.Contains(id)), Is.Empty, "expected ids name shipped rules");
        });
    }

    [Test]
    public void Corpus_PrecisionAndRecallPerKind_AtLeast095()
    {
        var kindOf = Rules.Default.Rules.ToDictionary(r => r.Content.Id, r => r.Kind);
        var tp = new Dictionary<RuleKind, int>();
        var fp = new Dictionary<RuleKind, int>();
        var fn = new Dictionary<RuleKind, int>();
        var misses = new List<string>();
        foreach (var c in Load())
        {
            var found = Checker.Check(Rules.Default, ExtractedDocument.FromText(c.Text), Subject(c)).Select(f => f.RuleId).ToHashSet();
            var expected = c.Expected.ToHashSet();
            foreach (var id in found.Union(expected))
            {
                var bucket = found.Contains(id) && expected.Contains(id) ? tp : found.Contains(id) ? fp : fn;
                bucket[kindOf[id]] = bucket.GetValueOrDefault(kindOf[id]) + 1;
                if (bucket != tp)
                {
                    misses.Add($"{c.Id}: {(bucket == fp ? "unexpected" : "missed")} {id}");
                }
            }
        }

        var lines = new List<string> { $"{"kind",-20} {"tp",4} {"fp",4} {"fn",4} {"precision",10} {"recall",8}" };
        var failures = new List<string>();
        foreach (var kind in Enum.GetValues<RuleKind>())
        {
            int t = tp.GetValueOrDefault(kind), f = fp.GetValueOrDefault(kind), n = fn.GetValueOrDefault(kind);
            var precision = t + f == 0 ? 1.0 : (double)t / (t + f);
            var recall = t + n == 0 ? 1.0 : (double)t / (t + n);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{kind,-20} {t,4} {f,4} {n,4} {precision,10:F3} {recall,8:F3}"));
            if (t == 0 || precision < Threshold || recall < Threshold)
            {
                failures.Add(kind.ToString());
            }
        }

        TestContext.Out.WriteLine(string.Join(Environment.NewLine, lines.Concat(misses)));
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, lines.Concat(misses)));
    }
}
