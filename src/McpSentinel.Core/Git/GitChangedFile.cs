namespace McpSentinel.Core.Git;

/// <summary>A file that differs from the base: its path now, and its path in the base commit (null when it is new).</summary>
public sealed record GitChangedFile(string FullPath, string? BasePath);
