using McpSentinel.Core.Intel.Versioning;
using McpSentinel.Core.Model;

namespace McpSentinel.Core.Intel;

/// <summary>A known vulnerability or malicious release of one package (OSV-like; one record per affected package).</summary>
public sealed record Advisory
{
    public const string KindVulnerability = "vulnerability";
    public const string KindMalicious = "malicious";

    public required string Id { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public string Kind { get; init; } = KindVulnerability;
    public required string Ecosystem { get; init; }
    public required string Package { get; init; }
    public IReadOnlyList<AffectedRange> Ranges { get; init; } = [];
    /// <summary>Explicitly listed affected versions (OSV <c>versions</c>), matched exactly.</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];
    public string Severity { get; init; } = "medium";
    public CvssScore? Cvss { get; init; }
    public IReadOnlyList<string> Cwe { get; init; } = [];
    public string Summary { get; init; } = "";
    public string? Published { get; init; }
    public string? Modified { get; init; }
    public IReadOnlyList<string> References { get; init; } = [];
    /// <summary>The public page this entry was checked against (bundled data) or the file it was imported from.</summary>
    public string? Source { get; init; }
    /// <summary>What could not be confirmed (a fixed version, a score).</summary>
    public string? Note { get; init; }

    /// <summary>Set when the advisory is known to be exploited in the wild, with the page that says so (bundled data),
    /// or when its CVE is in an imported known-exploited catalogue (CISA KEV).</summary>
    public AdvisoryExploitation? Exploited { get; init; }

    public bool IsMalicious => Kind == KindMalicious;

    public Severity SeverityLevel => Levels.TryParseSeverity(Severity, out var s) ? s : Model.Severity.Medium;

    /// <summary>A display id: the CVE alias when there is one, else the id.</summary>
    public string DisplayId => Aliases.FirstOrDefault(a => a.StartsWith("CVE-", StringComparison.Ordinal)) ?? Id;

    public bool Affects(VersionScheme scheme, string version) =>
        Versions.Any(v => string.Equals(v, version, StringComparison.Ordinal) || (scheme.IsValid(v) && scheme.IsValid(version) && scheme.Compare(v, version) == 0))
        || Ranges.Any(r => r.Contains(scheme, version));

    /// <summary>The lowest fixed version above <paramref name="version"/>, or null when no fix is known.</summary>
    public string? FixedAbove(VersionScheme scheme, string? version)
    {
        var fixes = Ranges.Select(r => r.Fixed).OfType<string>().Where(scheme.IsValid);
        if (version is not null && scheme.IsValid(version)) fixes = fixes.Where(f => scheme.Compare(f, version) > 0);
        return fixes.OrderBy(f => f, Comparer<string>.Create(scheme.Compare)).FirstOrDefault();
    }

    /// <summary>True when some version admitted by the declared range lies in an affected range.</summary>
    public bool Overlaps(VersionScheme scheme, IReadOnlyList<VersionInterval> declared) =>
        Ranges.Select(r => r.ToInterval(scheme)).OfType<VersionInterval>().Any(a => declared.Any(d => d.Overlaps(a, scheme)))
        || Versions.Where(scheme.IsValid).Any(v => declared.Any(d => d.Overlaps(new VersionInterval(v, true, v, true), scheme)));
}
