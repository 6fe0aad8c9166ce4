using System.Text;
using McpSentinel.Core.Intel;
using McpSentinel.Core.Intel.Versioning;

namespace McpSentinel.Core.Deps;

/// <summary>Builds the component list of a software bill of materials from collected manifests: one component per
/// (ecosystem, name, version); exact versions from lock files and pins, declared ranges for the rest; known
/// vulnerabilities attached to exact versions.</summary>
public static class BomBuilder
{
    public static IReadOnlyList<BomComponent> Build(IReadOnlyList<DependencyCollector.ManifestFile> manifests, AdvisoryDatabase db, TyposquatDetector? known = null)
    {
        known ??= TyposquatDetector.Bundled;
        var exact = new Dictionary<(string Eco, string Name, string Version), (Dependency Dep, List<string> Sources, bool Direct)>();
        var floating = new Dictionary<(string Eco, string Name), (Dependency Dep, List<string> Sources)>();
        var launchers = new Dictionary<(string Eco, string Name), string>();
        foreach (var m in manifests)
        {
            foreach (var d in m.Dependencies)
            {
                var scheme = VersionScheme.For(d.Ecosystem);
                var name = Ecosystems.NormalizeName(d.Ecosystem, d.Name);
                if (d.Launcher is { } launcher) launchers.TryAdd((d.Ecosystem, name), launcher);
                if (d.Version is { } v && scheme is not null && (scheme.IsValid(v) || d.Ecosystem == Ecosystems.Oci))
                {
                    var key = (d.Ecosystem, name, v);
                    if (!exact.TryGetValue(key, out var e)) exact[key] = e = (d, [], d.Direct);
                    if (!e.Sources.Contains(m.Path)) e.Sources.Add(m.Path);
                    if (d.Direct && !e.Direct) exact[key] = (e.Dep, e.Sources, true);
                }
                else if (d.Declared is not null)
                {
                    var key = (d.Ecosystem, name);
                    if (!floating.TryGetValue(key, out var f)) floating[key] = f = (d, []);
                    if (!f.Sources.Contains(m.Path)) f.Sources.Add(m.Path);
                }
            }
        }
        var directNames = floating.Keys.ToHashSet();
        var result = new List<BomComponent>();
        foreach (var ((eco, name, version), (dep, sources, direct)) in exact)
        {
            var scheme = VersionScheme.For(eco)!;
            var advisories = db.For(eco, dep.Name).Where(a => a.Affects(scheme, version)).ToArray();
            result.Add(new BomComponent(eco, dep.Name, version, true, direct || directNames.Contains((eco, name)), IsMcp(eco, name, known), Purl(eco, dep.Name, version), sources, advisories,
                launchers.GetValueOrDefault((eco, name))));
        }
        var resolved = exact.Keys.Select(k => (k.Eco, k.Name)).ToHashSet();
        foreach (var ((eco, name), (dep, sources)) in floating)
        {
            if (resolved.Contains((eco, name))) continue;
            result.Add(new BomComponent(eco, dep.Name, string.IsNullOrWhiteSpace(dep.Declared) ? null : dep.Declared, false, true, IsMcp(eco, name, known), Purl(eco, dep.Name, null), sources, [],
                launchers.GetValueOrDefault((eco, name))));
        }
        return result.OrderBy(c => c.Ecosystem, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Version, StringComparer.Ordinal).ToArray();
    }

    private static bool IsMcp(string ecosystem, string normalizedName, TyposquatDetector known) =>
        ecosystem == Ecosystems.Oci && normalizedName.StartsWith("docker.io/mcp/", StringComparison.Ordinal)
        || known.KnownNames(ecosystem).Contains(normalizedName, StringComparer.Ordinal)
        || normalizedName.Contains("mcp", StringComparison.Ordinal)
        || normalizedName.Contains("modelcontextprotocol", StringComparison.Ordinal);

    /// <summary>A package URL (https://github.com/package-url/purl-spec): npm scopes become the namespace, PyPI
    /// names are normalised, Go module paths are split into namespace and name.</summary>
    public static string Purl(string ecosystem, string name, string? version)
    {
        if (ecosystem == Ecosystems.Oci && ImageReference.Parse(name) is { } image) return image.Purl(version);
        var type = Ecosystems.PurlType(ecosystem);
        string ns = "", n = name;
        switch (ecosystem)
        {
            case Ecosystems.Npm when name.StartsWith('@') && name.Contains('/', StringComparison.Ordinal):
                ns = name[..name.IndexOf('/', StringComparison.Ordinal)];
                n = name[(name.IndexOf('/', StringComparison.Ordinal) + 1)..];
                break;
            case Ecosystems.PyPI:
                n = Ecosystems.NormalizeName(ecosystem, name);
                break;
            case Ecosystems.Go when name.Contains('/', StringComparison.Ordinal):
                ns = name[..name.LastIndexOf('/')];
                n = name[(name.LastIndexOf('/') + 1)..];
                break;
        }
        var s = new StringBuilder("pkg:").Append(type).Append('/');
        if (ns.Length > 0) s.Append(string.Join('/', ns.Split('/').Select(Encode))).Append('/');
        s.Append(Encode(n));
        if (version is not null) s.Append('@').Append(Encode(version));
        return s.ToString();
    }

    private static string Encode(string segment) => Uri.EscapeDataString(segment).Replace("%2B", "+", StringComparison.Ordinal);
}
