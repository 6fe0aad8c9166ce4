using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSentinel.Core.Intel;

/// <summary>The advisories the deps engine matches against: the data bundled in this build
/// (<c>Intel/Data/advisories.json</c>, embedded) plus whatever the user imported (<see cref="IntelStore"/>).
/// Indexed by (ecosystem, normalised package name). Immutable once built.</summary>
public sealed class AdvisoryDatabase
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    private readonly FrozenDictionary<(string, string), Advisory[]> _index;

    public AdvisoryDatabase(IEnumerable<Advisory> advisories, string bundledDataVersion = "", int importedCount = 0)
    {
        All = advisories.ToArray();
        BundledDataVersion = bundledDataVersion;
        ImportedCount = importedCount;
        _index = All.GroupBy(a => (a.Ecosystem, Ecosystems.NormalizeName(a.Ecosystem, a.Package)))
            .ToFrozenDictionary(g => g.Key, g => g.ToArray());
    }

    public IReadOnlyList<Advisory> All { get; }
    public string BundledDataVersion { get; }
    public int ImportedCount { get; }

    public IReadOnlyList<Advisory> For(string ecosystem, string package) =>
        _index.TryGetValue((ecosystem, Ecosystems.NormalizeName(ecosystem, package)), out var list) ? list : [];

    private sealed record BundledFile(string DataVersion, List<Advisory> Advisories);

    private static readonly Lazy<(string Version, Advisory[] Advisories)> Bundled = new(() =>
    {
        using var stream = typeof(AdvisoryDatabase).Assembly.GetManifestResourceStream("intel/advisories.json")
            ?? throw new InvalidOperationException("the bundled advisory data is missing from this build");
        var file = JsonSerializer.Deserialize<BundledFile>(stream, JsonOptions)
            ?? throw new InvalidOperationException("the bundled advisory data is empty");
        return (file.DataVersion, file.Advisories.Select(a => a with { Ecosystem = Ecosystems.Canonical(a.Ecosystem) ?? a.Ecosystem }).ToArray());
    });

    public static string BundledVersion => Bundled.Value.Version;

    public static IReadOnlyList<Advisory> BundledAdvisories => Bundled.Value.Advisories;

    /// <summary>Only the bundled data.</summary>
    public static AdvisoryDatabase LoadBundled() => new(Bundled.Value.Advisories, Bundled.Value.Version);

    /// <summary>The bundled data plus the store's imported data; an imported record with the same id and package
    /// replaces the bundled one. Problems reading the store are returned, not thrown.</summary>
    public static AdvisoryDatabase Load(IntelStore? store, out IReadOnlyList<string> problems)
    {
        var list = new List<string>();
        problems = list;
        if (store is null) return LoadBundled();
        var imported = store.ReadImported(list);
        var keys = imported.Select(a => (a.Id, a.Ecosystem, Ecosystems.NormalizeName(a.Ecosystem, a.Package))).ToHashSet();
        var merged = Bundled.Value.Advisories.Where(a => !keys.Contains((a.Id, a.Ecosystem, Ecosystems.NormalizeName(a.Ecosystem, a.Package)))).Concat(imported);
        var exploited = store.ReadKnownExploited(list);
        return new AdvisoryDatabase(KnownExploitedCatalog.Mark(merged, exploited), Bundled.Value.Version, imported.Count);
    }
}
