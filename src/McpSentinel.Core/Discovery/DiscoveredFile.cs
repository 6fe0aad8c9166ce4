using McpSentinel.Core.Model;

namespace McpSentinel.Core.Discovery;

/// <summary>A file chosen for scanning. <see cref="RelativePath"/> uses '/' and is relative to the target root.</summary>
public sealed record DiscoveredFile(string FullPath, string RelativePath, Language? Language, long Length);
