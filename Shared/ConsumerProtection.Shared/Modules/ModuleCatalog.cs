namespace ConsumerProtection.Shared.Modules;

/// <summary>The modules the Host runs, in start-up order. Registered as a singleton.</summary>
public sealed class ModuleCatalog(IReadOnlyList<IModule> modules)
{
    /// <summary>The modules in the Host's order.</summary>
    public IReadOnlyList<IModule> Modules { get; } = modules;

    /// <summary>Every schema owned by a module.</summary>
    public IEnumerable<string> Schemas => Modules.Select(m => m.Schema);

    /// <summary>True when <paramref name="schema"/> belongs to a registered module (ordinal, case-sensitive).</summary>
    public bool HasSchema(string schema) => Modules.Any(m => string.Equals(m.Schema, schema, StringComparison.Ordinal));
}
