using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConsumerProtection.Shared.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// Names the field of a request that minimal APIs could not bind, from the endpoint's handler signature and the
/// request itself — never from the framework's exception messages, which change between versions. A query, route or
/// header value that is missing (and required) or does not parse as its parameter's type is named; a missing body is
/// <c>body</c>; a JSON error's path is checked against the body type's members to tell an unknown member apart.
/// </summary>
internal static class BindFailures
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>The fields that cannot bind, or null when the handler's signature explains nothing.</summary>
    public static Dictionary<string, string[]>? Diagnose(HttpContext http)
    {
        if (EndpointOf(http) is not { } endpoint || endpoint.Metadata.GetMetadata<MethodInfo>() is not { } method)
        {
            return null;
        }

        var routeNames = (endpoint as RouteEndpoint)?.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var services = http.RequestServices.GetService<IServiceProviderIsService>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var bodyBound = false;
        foreach (var parameter in Flatten(method.GetParameters()))
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (IsInfrastructure(parameter, type, services))
            {
                continue;
            }

            var element = type.IsArray ? type.GetElementType()! : type;
            element = Nullable.GetUnderlyingType(element) ?? element;
            if (parameter.GetCustomAttribute<FromBodyAttribute>() is not null || !IsSimple(element))
            {
                bodyBound = true;
                if (!HasBody(http.Request))
                {
                    errors["body"] = ["a JSON body is required."];
                }

                continue;
            }

            var (name, values) = ValuesOf(http, parameter, routeNames);
            var given = values.Where(v => !string.IsNullOrEmpty(v)).ToList();
            if (given.Count == 0)
            {
                if (IsRequired(parameter))
                {
                    errors[name] = ["is required."];
                }
            }
            else if (given.Any(v => !CanParse(element, v!)))
            {
                errors[name] = ["has an invalid value."];
            }
        }

        if (errors.Count == 0 && bodyBound)
        {
            // Every value binds and a body came, yet binding failed: the body was JSON null where an object is needed.
            errors["body"] = ["a JSON object is required."];
        }

        return errors.Count > 0 ? errors : null;
    }

    /// <summary>The message for a JSON error at its path: an unknown member of the body type is named as such.</summary>
    public static string JsonMessage(HttpContext http, JsonException json)
    {
        if (json is JsonInputException input)
        {
            return input.Message;
        }

        if (BodyType(http) is { } bodyType && json.Path is { } path && IsUnknownMember(http, bodyType, path))
        {
            return "is not a known member.";
        }

        return "has an invalid value or type, is given more than once, or the JSON is malformed here.";
    }

    private static Type? BodyType(HttpContext http)
    {
        if (EndpointOf(http)?.Metadata.GetMetadata<MethodInfo>() is not { } method)
        {
            return null;
        }

        var services = http.RequestServices.GetService<IServiceProviderIsService>();
        return Flatten(method.GetParameters())
            .Where(p => !IsInfrastructure(p, Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType, services))
            .FirstOrDefault(p => p.GetCustomAttribute<FromBodyAttribute>() is not null || !IsSimple(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
            ?.ParameterType;
    }

    // "$.events[3].categories[0].nickname": walks the members of the body type by their JSON names; the first segment
    // that names no member of the type at that point is unknown. Dictionaries take any key.
    private static bool IsUnknownMember(HttpContext http, Type bodyType, string path)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var info = options.GetTypeInfo(bodyType);
        foreach (var segment in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0].Trim('\'');
            while (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } elementType)
            {
                info = options.GetTypeInfo(elementType);
            }

            if (info.Kind != JsonTypeInfoKind.Object)
            {
                return false;
            }

            var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            if (property is null)
            {
                return name.Length > 0;
            }

            info = options.GetTypeInfo(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
            var indexed = segment.Contains('[', StringComparison.Ordinal);
            while (indexed && info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } inner)
            {
                info = options.GetTypeInfo(inner);
                indexed = false;
            }
        }

        return false;
    }

    // The exception handler runs after the endpoint was cleared from the context; its feature keeps it and the route values.
    private static Endpoint? EndpointOf(HttpContext http) => http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();

    private static IEnumerable<ParameterInfo> Flatten(IEnumerable<ParameterInfo> parameters)
    {
        foreach (var parameter in parameters)
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                var constructor = parameter.ParameterType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
                foreach (var inner in Flatten(constructor?.GetParameters() ?? []))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return parameter;
            }
        }
    }

    private static bool IsInfrastructure(ParameterInfo parameter, Type type, IServiceProviderIsService? services) =>
        type == typeof(HttpContext) || type == typeof(HttpRequest) || type == typeof(HttpResponse) || type == typeof(CancellationToken)
        || type == typeof(ClaimsPrincipal) || type == typeof(Stream) || type == typeof(System.IO.Pipelines.PipeReader)
        || type == typeof(IFormFile) || type == typeof(IFormFileCollection) || type == typeof(IFormCollection)
        || parameter.GetCustomAttribute<FromServicesAttribute>() is not null || parameter.GetCustomAttribute<FromKeyedServicesAttribute>() is not null
        || parameter.GetCustomAttribute<FromFormAttribute>() is not null
        || (services?.IsService(type) ?? false);

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(TimeSpan)
        || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IParsable<>));

    private static (string Name, IEnumerable<string?> Values) ValuesOf(HttpContext http, ParameterInfo parameter, HashSet<string> routeNames)
    {
        if (parameter.GetCustomAttribute<FromHeaderAttribute>() is { } header)
        {
            var headerName = header.Name ?? parameter.Name!;
            return (headerName, http.Request.Headers[headerName]);
        }

        var fromQuery = parameter.GetCustomAttribute<FromQueryAttribute>();
        var fromRoute = parameter.GetCustomAttribute<FromRouteAttribute>();
        var name = fromQuery?.Name ?? fromRoute?.Name ?? parameter.Name!;
        return fromRoute is not null || (fromQuery is null && routeNames.Contains(name))
            ? (name, [(http.Features.Get<IExceptionHandlerFeature>()?.RouteValues ?? http.Request.RouteValues).GetValueOrDefault(name)?.ToString()])
            : (name, http.Request.Query[name]);
    }

    private static bool IsRequired(ParameterInfo parameter)
    {
        if (parameter.HasDefaultValue || Nullable.GetUnderlyingType(parameter.ParameterType) is not null)
        {
            return false;
        }

        return parameter.ParameterType.IsValueType || Nullability.Create(parameter).WriteState != NullabilityState.Nullable;
    }

    // As minimal APIs parse query and route values: the type's invariant-culture TryParse, and strict names for enums.
    private static bool CanParse(Type type, string value)
    {
        if (type == typeof(string))
        {
            return true;
        }

        if (type.IsEnum)
        {
            return StrictEnum.TryParse(type, value, out _);
        }

        var withProvider = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        if (withProvider is not null)
        {
            return (bool)withProvider.Invoke(null, [value, System.Globalization.CultureInfo.InvariantCulture, null])!;
        }

        var plain = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]);
        return plain is null || (bool)plain.Invoke(null, [value, null])!;
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
}
