namespace McpSentinel.Core.Scanning;

public readonly record struct ScanProgress(int FilesDone, int FilesTotal);
