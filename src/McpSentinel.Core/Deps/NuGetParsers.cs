using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using McpSentinel.Core.Intel;
using McpSentinel.Core.Intel.Versioning;

namespace McpSentinel.Core.Deps;

/// <summary>*.csproj / *.fsproj / *.vbproj <c>PackageReference</c> (Version attribute or element),
/// Directory.Packages.props <c>PackageVersion</c>, and packages.lock.json (resolved versions).</summary>
internal static class NuGetParsers
{
    public static List<Dependency> Project(string path, string text)
    {
        var result = new List<Dependency>();
        var doc = XDocument.Parse(text, LoadOptions.SetLineInfo);
        foreach (var element in doc.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "PackageVersion"))
        {
            var name = (string?)element.Attribute("Include") ?? (string?)element.Attribute("Update");
            if (string.IsNullOrWhiteSpace(name)) continue;
            var version = (string?)element.Attribute("Version") ?? element.Elements().FirstOrDefault(e => e.Name.LocalName == "Version")?.Value;
            if (string.IsNullOrWhiteSpace(version)) continue; // central package management: the version is in Directory.Packages.props
            version = version.Trim();
            string? exact = NuGetScheme.Instance.ExactPin(version) ?? (NuGetScheme.Instance.IsValid(version) ? version : null);
            int line = ((IXmlLineInfo)element).HasLineInfo() ? ((IXmlLineInfo)element).LineNumber : 1;
            result.Add(new Dependency(Ecosystems.NuGet, name.Trim(), exact, version, path, line, FromLock: false, Direct: true));
        }
        return result;
    }

    public static List<Dependency> PackagesLock(string path, string text)
    {
        var result = new List<Dependency>();
        var lines = new ManifestText(text);
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true });
        if (!doc.RootElement.TryGetProperty("dependencies", out var frameworks) || frameworks.ValueKind != JsonValueKind.Object) return result;
        foreach (var framework in frameworks.EnumerateObject())
        {
            if (framework.Value.ValueKind != JsonValueKind.Object) continue;
            int from = lines.Find($"\"{framework.Name}\"");
            foreach (var dep in framework.Value.EnumerateObject())
            {
                if (dep.Value.ValueKind != JsonValueKind.Object || !dep.Value.TryGetProperty("resolved", out var r) || r.ValueKind != JsonValueKind.String) continue;
                bool direct = dep.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "Direct";
                result.Add(new Dependency(Ecosystems.NuGet, dep.Name, r.GetString(), null, path, lines.Find($"\"{dep.Name}\"", from, from), FromLock: true, Direct: direct));
            }
        }
        return result;
    }
}
