using System.Collections.Concurrent;
using System.Text.Json;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>Parses rule-set JSON and keeps one compiled automaton per stored version (versions never change).</summary>
internal sealed class RuleSetCompiler
{
    private readonly ConcurrentDictionary<(int Version, string Hash), CompiledRuleSet> _cache = new();

    public static RuleSetContent Parse(string json) =>
        JsonSerializer.Deserialize<RuleSetContent>(json, JsonDefaults.Options) ?? throw new JsonException("The rule set is null.");

    public CompiledRuleSet Compile(int version, string hash, string json) =>
        _cache.GetOrAdd((version, hash), _ => new CompiledRuleSet(version, Parse(json)));

    /// <summary>The rule set shipped with the module (zh and en), version 1 of every new database.</summary>
    public static string DefaultJson()
    {
        using var stream = typeof(RuleSetCompiler).Assembly.GetManifestResourceStream("DisclosureReview.DefaultRules.json")
            ?? throw new InvalidOperationException("The default rule set is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
