namespace McpSentinel.Server.Api;

/// <summary><c>state</c>: open, accepted-risk, false-positive or fixed.</summary>
public sealed record TriageRequest(string State, string? Comment);
