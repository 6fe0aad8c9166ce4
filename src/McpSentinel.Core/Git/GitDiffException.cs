namespace McpSentinel.Core.Git;

/// <summary>The change against a base revision cannot be computed (not a repository, unknown revision, no commit yet).</summary>
public sealed class GitDiffException(string message, Exception? inner = null) : Exception(message, inner);
