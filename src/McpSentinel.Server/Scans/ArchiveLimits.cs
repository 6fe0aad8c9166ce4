namespace McpSentinel.Server.Scans;

public sealed record ArchiveLimits(int MaxEntries, long MaxExtractedBytes);
