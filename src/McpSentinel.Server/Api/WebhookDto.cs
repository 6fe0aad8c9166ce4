namespace McpSentinel.Server.Api;

public sealed record WebhookDto(Guid Id, string Url, IReadOnlyList<string> Events, Guid? ProjectId, bool Enabled, DateTimeOffset CreatedAt);
