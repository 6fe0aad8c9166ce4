using McpSentinel.Core.Model;
using McpSentinel.Core.Surface;

namespace McpSentinel.Cli.Commands;

/// <summary>What the live servers of one scan gave: their surfaces, the diagnostics of those that failed, the coverage table,
/// and per server the surfaces each client identity saw (<c>--identities</c>).</summary>
public sealed record LiveCollection(
    IReadOnlyList<ServerSurface> Surfaces,
    IReadOnlyList<ScanDiagnostic> Diagnostics,
    LiveCoverage Coverage,
    IReadOnlyDictionary<string, IReadOnlyList<IdentityView>> IdentityViews);
