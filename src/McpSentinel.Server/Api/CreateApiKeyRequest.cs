namespace McpSentinel.Server.Api;

/// <summary><c>role</c>: admin, analyst or viewer.</summary>
public sealed record CreateApiKeyRequest(string Name, string Role, int? RateLimitPerMinute);
