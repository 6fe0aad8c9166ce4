namespace McpSentinel.Server.Api;

/// <summary>Files analysed so far out of the files found; <c>percent</c> is 0–100.</summary>
public sealed record ProgressDto(int FilesDone, int FilesTotal, int Percent);
