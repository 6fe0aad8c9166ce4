namespace McpSentinel.Core.Scanning;

/// <summary>Creates an engine that lives outside Core (e.g. the semantic engine, which needs a native parser). Hosts pass
/// their providers to <see cref="Scanner"/>; an unavailable provider is skipped with a diagnostic instead of failing the scan.</summary>
public interface IEngineProvider
{
    string Name { get; }

    /// <summary>Null when the engine can run here; otherwise why it cannot (shown as a scan diagnostic).</summary>
    string? UnavailableReason { get; }

    IFileEngine Create(ScanOptions options);
}
