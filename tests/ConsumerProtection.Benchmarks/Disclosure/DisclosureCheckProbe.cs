using System.Diagnostics;
using ConsumerProtection.Modules.DisclosureReview.Checking;

namespace ConsumerProtection.Benchmarks.Disclosure;

/// <summary>
/// A quick phase breakdown of <see cref="DisclosureCheckBenchmarks"/> (normalise, match, whole check), minimum and
/// median of 40 runs each, for tuning on a shared machine. The benchmark itself is the figure of record.
/// </summary>
internal static class DisclosureCheckProbe
{
    public static void Run()
    {
        var b = new DisclosureCheckBenchmarks();
        b.Setup();
        var (set, doc) = b.Inputs;
        var norm = TextNormalizer.Normalize(doc.Text);
        Report("normalise", () => TextNormalizer.Normalize(doc.Text).Text.Length);
        Report("match", () => set.Matcher.Matches(norm.Text).Count);
        Report("whole check", b.Check100kChars300Rules);
    }

    private static void Report(string name, Func<int> work)
    {
        var times = new List<double>();
        var result = 0;
        for (var i = 0; i < 45; i++)
        {
            var sw = Stopwatch.StartNew();
            result = work();
            if (i >= 5)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        Console.WriteLine($"{name,-12} min {times[0]:F2} ms, median {times[times.Count / 2]:F2} ms (result {result})");
    }
}
