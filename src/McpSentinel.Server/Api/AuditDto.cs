namespace McpSentinel.Server.Api;

public sealed record AuditDto(long Id, DateTimeOffset At, string Actor, string Action, string? Target, string? Detail);
