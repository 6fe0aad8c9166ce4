using McpSentinel.Core.Discovery;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Suppression;

namespace McpSentinel.Core.Scanning;

public sealed record ScanOptions
{
    public required IReadOnlyList<string> Targets { get; init; }
    public required RuleSet Rules { get; init; }
    public DiscoveryOptions Discovery { get; init; } = new();
    public Severity MinSeverity { get; init; } = Severity.Info;
    public Confidence MinConfidence { get; init; } = Confidence.Low;
    public IReadOnlySet<string>? BaselineFingerprints { get; init; }
    public IReadOnlyList<SuppressionEntry> Suppressions { get; init; } = [];
    public int Jobs { get; init; } = Environment.ProcessorCount;
    /// <summary>Engines to run, by name. Only engines that exist are accepted (see <see cref="Scanner.KnownEngines"/>).</summary>
    public IReadOnlyList<string> Engines { get; init; } = [StaticEngine.EngineName];
    /// <summary>Files to scan besides the targets, with the path they are reported under (e.g. discovered client configurations as ~/.cursor/mcp.json).</summary>
    public IReadOnlyList<DiscoveredFile> ExtraFiles { get; init; } = [];
    /// <summary>Diagnostics of the collection that produced <see cref="ExtraFiles"/> (e.g. unreadable configurations found by discovery).</summary>
    public IReadOnlyList<ScanDiagnostic> ExtraDiagnostics { get; init; } = [];
    /// <summary>Advisory data for the deps engine; null means the bundled data only.</summary>
    public Intel.AdvisoryDatabase? Advisories { get; init; }
    /// <summary>Server surfaces collected live (snapshot files among the targets are loaded by the scanner itself).</summary>
    public IReadOnlyList<Surface.ServerSurface> Surfaces { get; init; } = [];
    /// <summary>A lock file to compare the surfaces with (rug-pull detection).</summary>
    public Surface.SurfaceLock? SurfaceLock { get; init; }
    /// <summary>Diagnostics from collectors that ran before the scan (live servers that failed).</summary>
    public IReadOnlyList<ScanDiagnostic> CollectorDiagnostics { get; init; } = [];
    public LiveCoverage? LiveCoverage { get; init; }
    /// <summary>Per live server, the surfaces it showed to each client identity (--identities), compared by MCP-PIN-007.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Surface.IdentityView>> IdentityViews { get; init; } = new Dictionary<string, IReadOnlyList<Surface.IdentityView>>();
}
