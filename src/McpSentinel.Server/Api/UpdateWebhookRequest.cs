namespace McpSentinel.Server.Api;

public sealed record UpdateWebhookRequest(string? Url, IReadOnlyList<string>? Events, bool? Enabled);
