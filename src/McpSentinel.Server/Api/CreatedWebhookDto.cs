namespace McpSentinel.Server.Api;

/// <summary>The new webhook and its signing secret, shown this once.</summary>
public sealed record CreatedWebhookDto(WebhookDto Webhook, string Secret);
