using System.Reflection;
using System.Text.RegularExpressions;
using ConsumerProtection.Shared.Kernel;
using ConsumerProtection.Shared.Modules;

namespace ConsumerProtection.Architecture.Tests;

/// <summary>The module template (Modules/README.md, ADR 0001): boundaries kept by reflection, so a violation fails the build's tests.</summary>
public sealed partial class ModuleBoundaryTests
{
    private static readonly Assembly SharedAssembly = typeof(IModule).Assembly;
    private static readonly Assembly HostAssembly = typeof(ConsumerProtection.Host.HostModules).Assembly;

    /// <summary>Every module implementation assembly (ConsumerProtection.Modules.X, not .Contracts) next to the tests.</summary>
    private static IReadOnlyList<Assembly> ModuleAssemblies()
    {
        var dir = Path.GetDirectoryName(typeof(ModuleBoundaryTests).Assembly.Location)!;
        return Directory.GetFiles(dir, "ConsumerProtection.Modules.*.dll")
            .Where(f => !f.EndsWith(".Contracts.dll", StringComparison.Ordinal))
            .Select(f => Assembly.LoadFrom(f))
            .ToList();
    }

    private static IEnumerable<Type> ModuleTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t => typeof(IModule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false });

    [Test]
    public void HostList_CoversEveryModule_AndSchemasAreUnique()
    {
        var listed = ConsumerProtection.Host.HostModules.All();
        var discovered = ModuleAssemblies().SelectMany(ModuleTypes).Append(typeof(KernelModule)).ToHashSet();
        Assert.That(listed.Select(m => m.GetType()).ToHashSet(), Is.EquivalentTo(discovered));
        Assert.That(listed.Select(m => m.Schema), Is.Unique);
        Assert.That(listed[0], Is.InstanceOf<KernelModule>(), "the kernel's schema migrates first");
        Assert.That(listed.Select(m => m.Schema), Has.All.Matches<string>(s => SchemaName().IsMatch(s ?? "")));
    }

    [Test]
    public void EachModuleAssembly_ExportsOnlyItsModule()
    {
        foreach (var assembly in ModuleAssemblies())
        {
            var exported = assembly.GetExportedTypes();
            Assert.That(exported, Has.Length.EqualTo(1), assembly.GetName().Name);
            Assert.That(typeof(IModule).IsAssignableFrom(exported[0]), Is.True, assembly.GetName().Name);
        }
    }

    [Test]
    public void Modules_ReferenceOtherModulesOnlyThroughContracts()
    {
        foreach (var assembly in ModuleAssemblies())
        {
            var self = assembly.GetName().Name!;
            var bad = assembly.GetReferencedAssemblies()
                .Select(r => r.Name!)
                .Where(n => n.StartsWith("ConsumerProtection.Modules.", StringComparison.Ordinal)
                            && !n.EndsWith(".Contracts", StringComparison.Ordinal)
                            && n != self)
                .ToList();
            Assert.That(bad, Is.Empty, self);
        }
    }

    [Test]
    public void Shared_ReferencesNoModule()
    {
        var refs = SharedAssembly.GetReferencedAssemblies().Select(r => r.Name!);
        Assert.That(refs.Where(n => n.StartsWith("ConsumerProtection.", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void ModuleSql_NamesOnlyItsOwnSchema()
    {
        var checkedTexts = 0;
        var modules = ModuleAssemblies().SelectMany(a => ModuleTypes(a).Select(t => (Assembly: a, Module: (IModule)Activator.CreateInstance(t)!)))
            .Append((Assembly: SharedAssembly, Module: (IModule)new KernelModule()));
        foreach (var (assembly, module) in modules)
        {
            foreach (var (where, sql) in SqlTexts(assembly))
            {
                checkedTexts++;
                foreach (Match m in SchemaReference().Matches(sql))
                {
                    var schema = m.Groups["schema"].Value;
                    // "{schema}" marks shared kernel SQL that is instantiated per module schema.
                    Assert.That(schema == module.Schema || schema == "{schema}", Is.True,
                        $"{where} in {assembly.GetName().Name} names schema [{schema}], not [{module.Schema}]");
                }
            }
        }

        Assert.That(checkedTexts, Is.GreaterThan(10), "the scan found the SQL texts");
    }

    /// <summary>SQL constants and embedded migration scripts of an assembly.</summary>
    private static IEnumerable<(string Where, string Sql)> SqlTexts(Assembly assembly)
    {
        const BindingFlags all = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes())
        {
            foreach (var field in type.GetFields(all).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            {
                var text = (string)field.GetRawConstantValue()!;
                if (text.Contains("].[", StringComparison.Ordinal))
                {
                    yield return ($"{type.Name}.{field.Name}", text);
                }
            }
        }

        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            yield return (name, reader.ReadToEnd());
        }
    }

    [Test]
    public void ProductionCode_NeverReadsTheClockDirectly()
    {
        var root = RepositoryRoot();
        var offenders = new[] { "Shared", "Host", "Modules" }
            .Select(d => Path.Combine(root, d)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => ClockRead().IsMatch(File.ReadAllText(f)))
            .ToList();
        Assert.That(offenders, Is.Empty, "use the injected TimeProvider");
    }

    [Test]
    public void Endpoints_AreAllUnderApiV1_OrHealthOrDocs()
    {
        var root = RepositoryRoot();
        var sources = Directory.EnumerateFiles(Path.Combine(root, "Shared"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.Exists(Path.Combine(root, "Modules")) ? Directory.EnumerateFiles(Path.Combine(root, "Modules"), "*.cs", SearchOption.AllDirectories) : [])
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        // Modules map under the /api/v1 group they are given; a module mapping on the app root would need "app." access.
        var rooted = sources.Where(f => File.ReadAllText(f).Contains("app.Map", StringComparison.Ordinal)).ToList();
        Assert.That(rooted, Is.Empty);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsumerProtection.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ConsumerProtection.sln not found above the test folder.");
    }

    [GeneratedRegex(@"\[(?<schema>[^\]\s]+)\]\.\[")]
    private static partial Regex SchemaReference();

    [GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b")]
    private static partial Regex ClockRead();

    [GeneratedRegex("^[a-z][a-z0-9_]{1,30}$")]
    private static partial Regex SchemaName();
}
