using System.Globalization;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Intake;

namespace ConsumerProtection.Modules.Complaints.Infrastructure.Seeding;

internal sealed record SeedBranch(string Id, string CityCode, string CityName);

internal sealed record SeedProduct(string Code, string Name, string BusinessType);

/// <summary>
/// Branches (~50, big cities weighted up), products (~200, a few draw most complaints), and the A/B/C code and
/// intake-channel mixes, limited to the taxonomy's active codes so every seeded complaint would pass intake.
/// </summary>
internal sealed partial class SeedCatalog
{
    private SeedCatalog(
        Weighted<SeedBranch> branches, Weighted<SeedProduct> products, Weighted<string> channels,
        Dictionary<string, Weighted<string>> reasons, Weighted<IntakeChannel> intake)
    {
        Branches = branches;
        Products = products;
        BusinessChannels = channels;
        Reasons = reasons;
        Intake = intake;
    }

    public Weighted<SeedBranch> Branches { get; }
    public Weighted<SeedProduct> Products { get; }
    public Weighted<string> BusinessChannels { get; }
    public Dictionary<string, Weighted<string>> Reasons { get; }
    public Weighted<IntakeChannel> Intake { get; }

    public static SeedCatalog Build(IReadOnlyList<CodeEntry> codes)
    {
        HashSet<string> Active(Axis axis) => codes.Where(c => c.Active && c.Axis == axis.ToString()).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var a = Active(Axis.A);
        var b = Active(Axis.B);
        var c = Active(Axis.C);
        if (a.Count == 0 || b.Count == 0 || c.Count == 0)
        {
            throw new InvalidOperationException("The complaints taxonomy has an axis without active codes; nothing valid can be seeded.");
        }

        // Zipf-like within each list: the first items draw most of the complaints.
        static double Rank(int i, double s) => 1.0 / Math.Pow(i + 1, s);

        var branches = Cities.SelectMany(city => Enumerable.Range(1, city.Branches).Select(n =>
            (new SeedBranch(string.Create(CultureInfo.InvariantCulture, $"{city.Code}{n:D3}"), city.Code, city.Name), city.Branches * Rank(n - 1, 0.5))));

        var products = new List<(SeedProduct, double)>();
        foreach (var cat in Categories)
        {
            // A business type an Admin switched off is mapped to "other", as a teller would file it today.
            var type = b.Contains(cat.Type) ? cat.Type : b.Contains("B99") ? "B99" : b.First();
            var names = cat.Bases.SelectMany(n => cat.Variants.Select(v => n + v)).ToList();
            products.AddRange(names.Select((name, i) =>
                (new SeedProduct(string.Create(CultureInfo.InvariantCulture, $"{cat.Prefix}-{i + 1:D3}"), name, type), cat.Share * Rank(i, 0.8))));
        }

        var evenReasons = new Weighted<string>(c.Select(code => (code, 1.0)));
        var reasons = b.ToDictionary(type => type, type =>
            ReasonWeights.TryGetValue(type, out var weights) && weights.Any(w => c.Contains(w.Code))
                ? new Weighted<string>(weights.Where(w => c.Contains(w.Code)).Select(w => (w.Code, w.Weight)))
                : evenReasons, StringComparer.Ordinal);
        var channels = ChannelWeights.Any(w => a.Contains(w.Code))
            ? new Weighted<string>(ChannelWeights.Where(w => a.Contains(w.Code)).Select(w => (w.Code, w.Weight)))
            : new Weighted<string>(a.Select(code => (code, 1.0)));
        return new SeedCatalog(new Weighted<SeedBranch>(branches), new Weighted<SeedProduct>(products), channels, reasons,
            new Weighted<IntakeChannel>(IntakeWeights.Select(w => (w.Channel, w.Weight))));
    }
}
