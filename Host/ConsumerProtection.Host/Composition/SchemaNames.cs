using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// Public schema names without class nesting. Slices nest their records (<c>ApiKeyEndpoints.CreateRequest</c>,
/// <c>ChangeComplaintEndpoints.AssignRequest</c>); a generated client should see <c>CreateApiKeyRequest</c> and
/// <c>AssignComplaintRequest</c>. The rule, from the outer class's noun (its name without <c>Endpoints</c>,
/// <c>Endpoint</c>, <c>Workflow</c> or <c>Store</c>, and without a leading Change/File/Get/Search/Query verb):
/// <list type="bullet">
/// <item>a bare <c>Request</c>/<c>Response</c>/<c>Summary</c>… is named by its outer class (<c>FileComplaintRequest</c>), or by the
/// noun when the outer class is a query (<c>SearchComplaintsEndpoints.Summary</c> → <c>ComplaintSummary</c>);</item>
/// <item>a name that already holds the noun stays (<c>AuditRow</c>, <c>IncidentRow</c>);</item>
/// <item>a one-word verb before the suffix goes first (<c>CreateRequest</c> → <c>CreateApiKeyRequest</c>); a verb that already
/// names its object keeps the name (<c>RetentionEndpoints.LiftHoldRequest</c> → <c>LiftHoldRequest</c>);</item>
/// <item>a head the noun ends with merges (<c>ApiKeyEndpoints.KeyView</c> → <c>ApiKeyView</c>);</item>
/// <item>anything else gets the noun in front (<c>CalendarEndpoints.YearView</c> → <c>CalendarYearView</c>).</item>
/// </list>
/// Generic pages are <c>PageOf</c> + their item's name. A name already given to another type falls back to outer + inner,
/// so names never collide.
/// </summary>
internal static class SchemaNames
{
    private static readonly string[] Suffixes = ["Request", "Response", "Result", "Summary", "View", "Row", "Entry", "Input", "Info", "Page"];
    private static readonly string[] OuterSuffixes = ["Endpoints", "Endpoint", "Workflow", "Store"];
    private static readonly string[] QueryVerbs = ["Search", "Query", "Get"];
    private static readonly string[] OuterVerbs = ["Change", "File", "Get", "Search", "Query"];
    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal)
    {
        "Create", "Assign", "Close", "Respond", "Escalate", "Refer", "Report", "Confirm", "Publish", "Place", "Lift", "Revoke", "Update", "Resolve",
    };

    private static readonly ConcurrentDictionary<string, Type> Taken = new(StringComparer.Ordinal);

    public static string? For(JsonTypeInfo info)
    {
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        if (id is null)
        {
            return null;
        }

        var type = info.Type;
        if (type is { IsGenericType: true } && type.GetGenericTypeDefinition().Name.StartsWith("Page", StringComparison.Ordinal) && type.GetGenericArguments() is [var item])
        {
            return Claim("PageOf" + NameOf(item), type, id);
        }

        return type is { IsNested: true, IsGenericType: false, DeclaringType: { } outer } ? Claim(Nested(outer.Name, type.Name), type, outer.Name + id) : id;
    }

    private static string NameOf(Type type) =>
        type is { IsNested: true, DeclaringType: { } outer } ? Nested(outer.Name, type.Name) : type.Name;

    internal static string Nested(string outer, string inner)
    {
        var noun = Strip(outer);
        var singular = noun.EndsWith('s') && !noun.EndsWith("ss", StringComparison.Ordinal) && !noun.EndsWith("us", StringComparison.Ordinal)
            && !noun.EndsWith("tics", StringComparison.Ordinal) ? noun[..^1] : noun;
        if (Suffixes.Contains(inner))
        {
            return QueryVerbs.Any(v => outer.StartsWith(v, StringComparison.Ordinal)) ? singular + inner : StripEndings(outer) + inner;
        }

        if (inner.Contains(singular, StringComparison.Ordinal))
        {
            return inner;
        }

        var suffix = Suffixes.FirstOrDefault(s => inner.EndsWith(s, StringComparison.Ordinal) && inner.Length > s.Length);
        var head = suffix is null ? inner : inner[..^suffix.Length];
        if (suffix is not null && Verbs.Contains(head))
        {
            return head + singular + suffix;
        }

        if (suffix is not null && Verbs.Contains(FirstWord(head)))
        {
            return inner; // the verb already names its object: PublishRuleSetRequest, LiftHoldRequest
        }

        return suffix is not null && singular.EndsWith(head, StringComparison.Ordinal) ? singular + suffix : singular + inner;
    }

    private static string FirstWord(string name)
    {
        var end = 1;
        while (end < name.Length && !char.IsUpper(name[end]))
        {
            end++;
        }

        return name[..end];
    }

    private static string StripEndings(string outer)
    {
        foreach (var ending in OuterSuffixes)
        {
            if (outer.EndsWith(ending, StringComparison.Ordinal) && outer.Length > ending.Length)
            {
                return outer[..^ending.Length];
            }
        }

        return outer;
    }

    private static string Strip(string outer)
    {
        var noun = StripEndings(outer);
        var verb = OuterVerbs.FirstOrDefault(v => noun.StartsWith(v, StringComparison.Ordinal) && noun.Length > v.Length && char.IsUpper(noun[v.Length]));
        return verb is null ? noun : noun[verb.Length..];
    }

    private static string Claim(string name, Type type, string fallback) =>
        Taken.GetOrAdd(name, type) == type ? name : fallback;
}
