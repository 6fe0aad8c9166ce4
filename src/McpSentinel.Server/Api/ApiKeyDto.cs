namespace McpSentinel.Server.Api;

/// <summary>An API key as listed: never the key itself, only its display prefix.</summary>
public sealed record ApiKeyDto(Guid Id, string Name, string Prefix, string Role, string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, int? RateLimitPerMinute);
