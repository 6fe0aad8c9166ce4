namespace McpSentinel.Server.Api;

/// <summary><c>events</c>: scan.finished, findings.new-high (default both). <c>projectId</c> limits it to one project.</summary>
public sealed record CreateWebhookRequest(string Url, IReadOnlyList<string>? Events, Guid? ProjectId);
