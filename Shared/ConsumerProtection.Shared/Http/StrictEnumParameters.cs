using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Shared.Http;

/// <summary>
/// Query-string and route values bound to enum parameters are checked against <see cref="StrictEnum"/> before the
/// endpoint binds them: minimal APIs bind enums with <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/>, which
/// takes <c>status=1</c> and <c>intakeChannel=Counter,Media</c>. Every endpoint is covered from its handler's
/// signature, so a new module's enum filters are strict without doing anything.
/// </summary>
public sealed class StrictEnumParameters(RequestDelegate next)
{
    private static readonly ConditionalWeakTable<Endpoint, Binding[]> Cache = [];

    /// <summary>Checks the request's enum-typed query and route values, answering 400 naming the field when one is not a defined name.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not { } endpoint)
        {
            return next(context);
        }

        var bindings = Cache.GetValue(endpoint, Discover);
        Validation? errors = null;
        foreach (var binding in bindings)
        {
            var values = binding.FromRoute
                ? new Microsoft.Extensions.Primitives.StringValues(context.GetRouteValue(binding.Name) as string)
                : context.Request.Query[binding.Name];
            foreach (var value in values)
            {
                if (!string.IsNullOrEmpty(value) && !StrictEnum.TryParse(binding.EnumType, value, out _))
                {
                    (errors ??= new Validation()).Add(binding.Name, StrictEnum.Allowed(binding.EnumType));
                    break;
                }
            }
        }

        return errors is null ? next(context) : errors.ToProblem().ExecuteAsync(context);
    }

    /// <summary>The enum-typed query and route parameters of an endpoint's handler (also inside [AsParameters] records).</summary>
    internal static Binding[] Discover(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } method)
        {
            return [];
        }

        var routeNames = (endpoint as RouteEndpoint)?.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var found = new List<Binding>();
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                var constructor = parameter.ParameterType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
                foreach (var inner in constructor?.GetParameters() ?? [])
                {
                    Add(inner, found, routeNames);
                }
            }
            else
            {
                Add(parameter, found, routeNames);
            }
        }

        return [.. found];
    }

    private static void Add(ParameterInfo parameter, List<Binding> found, HashSet<string> routeNames)
    {
        var type = parameter.ParameterType;
        var enumType = type.IsEnum ? type
            : Nullable.GetUnderlyingType(type) is { IsEnum: true } underlying ? underlying
            : type.IsArray && type.GetElementType() is { } element && (element.IsEnum || Nullable.GetUnderlyingType(element)?.IsEnum == true)
                ? Nullable.GetUnderlyingType(element) ?? element
                : null;
        if (enumType is null || parameter.GetCustomAttribute<FromBodyAttribute>() is not null || parameter.GetCustomAttribute<FromHeaderAttribute>() is not null)
        {
            return;
        }

        var fromQuery = parameter.GetCustomAttribute<FromQueryAttribute>();
        var fromRoute = parameter.GetCustomAttribute<FromRouteAttribute>();
        var name = fromQuery?.Name ?? fromRoute?.Name ?? parameter.Name!;
        found.Add(new Binding(name, enumType, fromRoute is not null || (fromQuery is null && routeNames.Contains(name))));
    }

    internal sealed record Binding(string Name, Type EnumType, bool FromRoute);
}
