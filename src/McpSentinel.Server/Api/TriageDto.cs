namespace McpSentinel.Server.Api;

public sealed record TriageDto(string State, string? Comment, string? By, DateTimeOffset? At);
