using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace McpSentinel.Core.Deps;

/// <summary>package.json (declared ranges), package-lock.json / npm-shrinkwrap.json (lockfile v1, v2, v3),
/// pnpm-lock.yaml (v5 to v9 keys) and yarn.lock (v1 and berry).</summary>
internal static partial class NpmParsers
{
    private static readonly string[] DependencySections = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

    public static List<Dependency> PackageJson(string path, string text)
    {
        var result = new List<Dependency>();
        var lines = new ManifestText(text);
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("package.json is not a JSON object");
        foreach (var section in DependencySections)
        {
            if (!doc.RootElement.TryGetProperty(section, out var deps) || deps.ValueKind != JsonValueKind.Object) continue;
            int sectionLine = lines.Find($"\"{section}\"");
            foreach (var dep in deps.EnumerateObject())
            {
                if (dep.Value.ValueKind != JsonValueKind.String) continue;
                var name = dep.Name;
                var spec = dep.Value.GetString() ?? "";
                if (spec.StartsWith("npm:", StringComparison.Ordinal))
                {
                    // an alias: "x": "npm:real-name@^1.0.0"
                    var target = spec[4..];
                    int at = target.LastIndexOf('@');
                    if (at > 0) { name = target[..at]; spec = target[(at + 1)..]; }
                    else { name = target; spec = ""; }
                }
                var line = lines.Find($"\"{dep.Name}\"", sectionLine, sectionLine);
                result.Add(new Dependency(Intel.Ecosystems.Npm, name, Intel.Versioning.NpmScheme.Instance.ExactPin(spec), spec, path, line, FromLock: false, Direct: true));
            }
        }
        return result;
    }

    public static List<Dependency> PackageLock(string path, string text)
    {
        var result = new List<Dependency>();
        var lines = new ManifestText(text);
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true });
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("the lock file is not a JSON object");
        var direct = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Object)
        {
            if (packages.TryGetProperty("", out var self) && self.ValueKind == JsonValueKind.Object)
            {
                foreach (var section in DependencySections)
                {
                    if (self.TryGetProperty(section, out var d) && d.ValueKind == JsonValueKind.Object) foreach (var p in d.EnumerateObject()) direct.Add(p.Name);
                }
            }
            foreach (var entry in packages.EnumerateObject())
            {
                int idx = entry.Name.LastIndexOf("node_modules/", StringComparison.Ordinal);
                if (idx < 0 || entry.Value.ValueKind != JsonValueKind.Object) continue;
                if (entry.Value.TryGetProperty("link", out var link) && link.ValueKind == JsonValueKind.True) continue;
                var name = entry.Value.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : entry.Name[(idx + "node_modules/".Length)..];
                if (!entry.Value.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.String) continue;
                bool isTop = idx == 0;
                result.Add(new Dependency(Intel.Ecosystems.Npm, name, v.GetString(), null, path, lines.Find($"\"{entry.Name}\""), FromLock: true, Direct: isTop && direct.Contains(name)));
            }
            return result;
        }
        if (root.TryGetProperty("dependencies", out var deps) && deps.ValueKind == JsonValueKind.Object)
        {
            Walk(deps, true);
        }
        return result;

        void Walk(JsonElement level, bool top)
        {
            foreach (var dep in level.EnumerateObject())
            {
                if (dep.Value.ValueKind != JsonValueKind.Object) continue;
                if (dep.Value.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String)
                {
                    result.Add(new Dependency(Intel.Ecosystems.Npm, dep.Name, v.GetString(), null, path, lines.Find($"\"{dep.Name}\": {{"), FromLock: true, Direct: top));
                }
                if (dep.Value.TryGetProperty("dependencies", out var nested) && nested.ValueKind == JsonValueKind.Object) Walk(nested, false);
            }
        }
    }

    // pnpm keys: "/name@1.0.0", "/@scope/name@1.0.0(peer@2)", "name@1.0.0" (v9), "/name/1.0.0" (v5)
    [GeneratedRegex(@"^/?(?<name>(?:@[^/@\s]+/)?[^/@\s()]+)[@/](?<version>[0-9][^\s()_/]*)", RegexOptions.CultureInvariant)]
    private static partial Regex PnpmKey();

    public static List<Dependency> PnpmLock(string path, string text)
    {
        var result = new List<Dependency>();
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root) return result;
        if (!root.Children.TryGetValue(new YamlScalarNode("packages"), out var packagesNode) || packagesNode is not YamlMappingNode packages) return result;
        foreach (var (key, _) in packages.Children)
        {
            if (key is not YamlScalarNode { Value: { } k }) continue;
            var m = PnpmKey().Match(k);
            if (!m.Success) continue;
            result.Add(new Dependency(Intel.Ecosystems.Npm, m.Groups["name"].Value, m.Groups["version"].Value, null, path, (int)key.Start.Line, FromLock: true, Direct: false));
        }
        return result;
    }

    // yarn v1: `"@scope/name@^1.0.0", name@~1.1:` ; berry: `"name@npm:^1.0.0":`
    [GeneratedRegex(@"^""?(?<name>(?:@[^/@\s""]+/)?[^@\s""]+)@", RegexOptions.CultureInvariant)]
    private static partial Regex YarnHeader();

    [GeneratedRegex(@"^\s+version:?\s+""?(?<version>[^""\s]+)""?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex YarnVersion();

    public static List<Dependency> YarnLock(string path, string text)
    {
        var result = new List<Dependency>();
        var lines = text.Split('\n');
        string? current = null;
        int headerLine = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (!char.IsWhiteSpace(line[0]))
            {
                var m = YarnHeader().Match(line);
                current = m.Success && line.EndsWith(':') ? m.Groups["name"].Value : null;
                headerLine = i + 1;
                continue;
            }
            if (current is null) continue;
            var v = YarnVersion().Match(line);
            if (v.Success && line.StartsWith("  version", StringComparison.Ordinal))
            {
                result.Add(new Dependency(Intel.Ecosystems.Npm, current, v.Groups["version"].Value, null, path, headerLine, FromLock: true, Direct: false));
                current = null;
            }
        }
        return result;
    }
}
