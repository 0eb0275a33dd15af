using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// What each enum member means, for the OpenAPI document: the member's XML doc <c>&lt;summary&gt;</c>, read from the
/// documentation file the compiler writes next to its assembly (GenerateDocumentationFile). One source: the comment on
/// the member is both the code's and the API's documentation.
/// </summary>
internal static partial class EnumDocs
{
    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> Files = new();

    /// <summary>Every member of <paramref name="enumType"/> by its API name, in the API's order, with its summary ("" when undocumented).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(Type enumType)
    {
        var docs = Files.GetOrAdd(enumType.Assembly, Load);
        var prefix = "F:" + enumType.FullName!.Replace('+', '.') + ".";
        return [.. StrictEnum.Names(enumType)
            .Select(name => KeyValuePair.Create(name, docs.GetValueOrDefault(prefix + name) ?? ""))];
    }

    private static IReadOnlyDictionary<string, string> Load(Assembly assembly)
    {
        var path = string.IsNullOrEmpty(assembly.Location) ? null : Path.ChangeExtension(assembly.Location, ".xml");
        if (path is null || !File.Exists(path))
        {
            return new Dictionary<string, string>();
        }

        var members = XDocument.Load(path).Descendants("member")
            .Where(m => ((string?)m.Attribute("name"))?.StartsWith("F:", StringComparison.Ordinal) == true && m.Element("summary") is not null);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            result[(string)member.Attribute("name")!] = Text(member.Element("summary")!);
        }

        return result;
    }

    // <c>x</c> and plain text as they are; <see cref="T:A.B"/> as B; whitespace folded to single spaces.
    private static string Text(XElement summary) => Spaces().Replace(string.Concat(summary.Nodes().Select(n => n switch
    {
        XText t => t.Value,
        XElement { Name.LocalName: "see" } see => (see.Attribute("cref")?.Value ?? see.Attribute("langword")?.Value ?? "").Split('.', ':')[^1],
        XElement e => e.Value,
        _ => "",
    })), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
