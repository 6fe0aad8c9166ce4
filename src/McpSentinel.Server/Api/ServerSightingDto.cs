namespace McpSentinel.Server.Api;

public sealed record ServerSightingDto(Guid ScanId, DateTimeOffset At);
