namespace McpSentinel.Core.Model;

/// <summary>Where a finding is: a file region (1-based, path relative to the scan root with '/')
/// and/or a logical location such as <c>server:x/tool:y/description</c>.</summary>
public sealed record Location(
    string? Path,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn,
    string? LogicalPath = null);
