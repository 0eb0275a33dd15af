using ConsumerProtection.Shared.Kernel;
using Microsoft.Extensions.Configuration;

namespace ConsumerProtection.Shared.Modules;

/// <summary>
/// Which of the host's modules this process runs: <c>Modules:Enabled</c> (a list, or one comma-separated value;
/// default every module). The kernel always runs, and an enabled module brings the modules it
/// <see cref="IModule.DependsOn">depends on</see>. A module that is not started maps no routes, registers no services
/// and has no schema created or migrated.
/// </summary>
public static class ModuleSelection
{
    /// <summary>The setting's configuration path.</summary>
    public const string Setting = "Modules:Enabled";

    /// <summary>
    /// The modules of <paramref name="all"/> (in its order) that <c>Modules:Enabled</c> selects, with their
    /// dependencies. Throws <see cref="InvalidOperationException"/> naming the setting for an unknown module name.
    /// </summary>
    public static IReadOnlyList<IModule> Select(IReadOnlyList<IModule> all, IConfiguration configuration)
    {
        var requested = Requested(configuration);
        return requested is null ? all : Select(all, requested);
    }

    /// <summary>The modules of <paramref name="all"/> named in <paramref name="names"/>, with the kernel and every dependency.</summary>
    public static IReadOnlyList<IModule> Select(IReadOnlyList<IModule> all, IEnumerable<string> names)
    {
        var byName = all.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(string Name, string Via)>(names.Select(n => (n, Setting)));
        while (pending.TryPop(out var next))
        {
            if (!byName.TryGetValue(next.Name, out var module))
            {
                throw new InvalidOperationException(
                    $"{next.Via} names an unknown module '{next.Name}'; the modules are: {string.Join(", ", all.Where(m => m is not KernelModule).Select(m => m.Name))}.");
            }

            if (chosen.Add(module.Name))
            {
                foreach (var dependency in module.DependsOn)
                {
                    pending.Push((dependency, $"Module {module.Name}'s DependsOn"));
                }
            }
        }

        return [.. all.Where(m => m is KernelModule || chosen.Contains(m.Name))];
    }

    // Null when the setting is absent (every module runs); a list from JSON/environment (Modules:Enabled:0, …) or one
    // comma-separated value from the command line.
    private static List<string>? Requested(IConfiguration configuration)
    {
        var section = configuration.GetSection(Setting);
        var values = section.Value is { } single
            ? single.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToArray();
        return section.Exists() ? [.. values] : null;
    }
}
