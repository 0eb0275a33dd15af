using ConsumerProtection.Modules.DisclosureReview.Checking;

namespace ConsumerProtection.DisclosureReview.Tests.Checking;

public sealed class AhoCorasickTests
{
    [Test]
    public void Matches_FindsOverlappingAndNestedPatterns()
    {
        var ac = new AhoCorasick(["保本", "保本保息", "本保", "保息", "he", "she", "hers"]);
        var found = ac.Matches("保本保息 ushers").Select(m => (m.Pattern, m.Start, m.End)).OrderBy(m => m.Start).ThenBy(m => m.Pattern).ToList();
        Assert.That(found, Is.EquivalentTo(new[] { (0, 0, 2), (1, 0, 4), (2, 1, 3), (3, 2, 4), (5, 6, 9), (4, 7, 9), (6, 7, 11) }));
    }

    [Test]
    public void Matches_AgreesWithNaiveSearch_OnRandomText()
    {
        var random = new Random(7);
        var patterns = Enumerable.Range(0, 60).Select(_ => new string(Enumerable.Range(0, random.Next(1, 5)).Select(_ => "保本息稳赚ab"[random.Next(7)]).ToArray())).Distinct().ToList();
        var text = new string(Enumerable.Range(0, 2_000).Select(_ => "保本息稳赚ab"[random.Next(7)]).ToArray());
        var expected = new List<(int, int, int)>();
        for (var p = 0; p < patterns.Count; p++)
        {
            for (var i = text.IndexOf(patterns[p], StringComparison.Ordinal); i >= 0; i = text.IndexOf(patterns[p], i + 1, StringComparison.Ordinal))
            {
                expected.Add((p, i, i + patterns[p].Length));
            }
        }

        Assert.That(new AhoCorasick(patterns).Matches(text), Is.EquivalentTo(expected));
    }
}
