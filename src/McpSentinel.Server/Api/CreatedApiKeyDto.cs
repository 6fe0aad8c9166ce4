namespace McpSentinel.Server.Api;

/// <summary>The new key in clear, shown this once; only its hash is kept.</summary>
public sealed record CreatedApiKeyDto(ApiKeyDto ApiKey, string Key);
