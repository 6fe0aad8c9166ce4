namespace McpSentinel.Server.Api;

public sealed record RuleDto(string Id, string Title, string Category, string Severity, string Confidence, IReadOnlyList<string> Cwe, string HelpUri);
