using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Shared.Modules;

/// <summary>
/// The one public face of a module: its database schema, its services and its endpoints.
/// The Host keeps an explicit list of modules; each module owns one schema and never reaches into another's.
/// </summary>
public interface IModule
{
    /// <summary>Human-readable module name, e.g. "Complaints".</summary>
    string Name { get; }

    /// <summary>The module's database schema (SQL Server schema, SQLite attached database name), e.g. "complaints".</summary>
    string Schema { get; }

    /// <summary>
    /// The <see cref="Name"/>s of the modules whose contracts this module needs at run time. A host that enables this
    /// module (<c>Modules:Enabled</c>) also starts these; the kernel always runs and is never listed.
    /// </summary>
    IReadOnlyList<string> DependsOn => [];

    /// <summary>Registers the module's services. Scan the module's own assembly with Scrutor where useful.</summary>
    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the module's endpoints; <paramref name="api"/> is the <c>/api/v1</c> group.</summary>
    void MapEndpoints(IEndpointRouteBuilder api);
}
