using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Host.Tests.Composition;

/// <summary>
/// <c>Modules:Enabled</c>: a host starts only the modules it names, their dependencies and the kernel; a module not
/// started exposes no route and gets no schema. Unknown names stop start-up naming the setting.
/// </summary>
public sealed class ModuleSelectionTests
{
    private static readonly string[] OtherSchemas = ["complaints", "piaccess", "training"];

    [Test]
    public async Task HostWithOneModule_MapsOnlyItsRoutes_AndCreatesOnlyItsSchema()
    {
        using var api = new ApiFactory(modules: ["DisclosureReview"]);
        var routes = Routes(api);
        Assert.Multiple(() =>
        {
            Assert.That(routes, Has.Some.StartsWith("/api/v1/disclosure/"));
            Assert.That(routes, Has.Some.StartsWith("/api/v1/admin/api-keys"), "the kernel always runs");
            Assert.That(routes.Where(r => r.StartsWith("/api/v1/complaints", StringComparison.Ordinal)
                || r.StartsWith("/api/v1/pi-access", StringComparison.Ordinal) || r.StartsWith("/api/v1/training", StringComparison.Ordinal)), Is.Empty);
            Assert.That(api.Services.GetRequiredService<ModuleCatalog>().Schemas, Is.EqualTo(new[] { "kernel", "disclosure" }));
        });

        using var admin = api.Admin();
        using var complaints = await admin.GetAsync("/api/v1/complaints");
        using var document = await admin.GetAsync("/openapi/v1.json");
        var openApi = await document.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That((int)complaints.StatusCode, Is.EqualTo(404));
            Assert.That(openApi, Does.Contain("/api/v1/disclosure/").And.Not.Contain("/api/v1/complaints").And.Not.Contain("/api/v1/training"));
            Assert.That(File.Exists(Path.Combine(api.DataDirectory, "disclosure.db")), Is.True);
            foreach (var schema in OtherSchemas)
            {
                Assert.That(File.Exists(Path.Combine(api.DataDirectory, schema + ".db")), Is.False, schema);
            }
        });
    }

    [Test]
    public void EnablingAModule_StartsWhatItDependsOn_InTheHostsOrder()
    {
        using var api = new ApiFactory(modules: ["Training"]);
        var routes = Routes(api);
        Assert.Multiple(() =>
        {
            Assert.That(api.Services.GetRequiredService<ModuleCatalog>().Modules.Select(m => m.Name),
                Is.EqualTo(new[] { "Kernel", "PersonalInfoAccess", "Training" }));
            Assert.That(routes, Has.Some.StartsWith("/api/v1/pi-access/"));
            Assert.That(routes.Where(r => r.StartsWith("/api/v1/complaints", StringComparison.Ordinal) || r.StartsWith("/api/v1/disclosure", StringComparison.Ordinal)), Is.Empty);
            Assert.That(File.Exists(Path.Combine(api.DataDirectory, "complaints.db")), Is.False);
        });
    }

    [TestCase("Complaints,Reporting", "Reporting")]
    [TestCase("complaints", "complaints")]
    public void UnknownModuleName_StopsStartUp_NamingTheSetting(string value, string unknown)
    {
        using var api = new ApiFactory(new() { ["Modules:Enabled"] = value });
        var text = SettingsValidationTests.Describe(Assert.Catch(() => _ = api.Server)!);
        Assert.That(text, Does.Contain("Modules:Enabled").And.Contain($"'{unknown}'").And.Contain("DisclosureReview"), text);
        Assert.That(File.Exists(Path.Combine(api.DataDirectory, "kernel.db")), Is.False, "nothing is created before the refusal");
    }

    [Test]
    public void Selection_ReadsAListOrOneCommaSeparatedValue_AndDefaultsToEveryModule()
    {
        var all = HostModules.All();
        static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        Assert.Multiple(() =>
        {
            Assert.That(ModuleSelection.Select(all, Config([])), Is.SameAs(all));
            Assert.That(Names(ModuleSelection.Select(all, Config(new() { ["Modules:Enabled:0"] = "DisclosureReview", ["Modules:Enabled:1"] = " Training " }))),
                Is.EqualTo(new[] { "Kernel", "PersonalInfoAccess", "DisclosureReview", "Training" }));
            Assert.That(Names(ModuleSelection.Select(all, Config(new() { ["Modules:Enabled"] = "Complaints, DisclosureReview" }))),
                Is.EqualTo(new[] { "Kernel", "Complaints", "PersonalInfoAccess", "DisclosureReview" }));
            Assert.That(Names(ModuleSelection.Select(all, Config(new() { ["Modules:Enabled"] = "" }))), Is.EqualTo(new[] { "Kernel" }));
        });
    }

    [Test]
    public void EveryDeclaredDependency_NamesAModuleOfTheHost()
    {
        var all = HostModules.All();
        Assert.Multiple(() =>
        {
            foreach (var module in all)
            {
                Assert.That(module.DependsOn, Is.SubsetOf(all.Where(m => m.Name != "Kernel").Select(m => m.Name)), module.Name);
                Assert.That(module.DependsOn, Does.Not.Contain(module.Name), module.Name);
            }
        });
    }

    private static string[] Names(IEnumerable<IModule> modules) => [.. modules.Select(m => m.Name)];

    private static List<string> Routes(ApiFactory api) =>
        [.. api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))];
}
