namespace McpSentinel.Server.Api;

public sealed record ProjectDto(Guid Id, string Name, DateTimeOffset CreatedAt);
