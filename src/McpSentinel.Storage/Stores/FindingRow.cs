using McpSentinel.Storage.Entities;

namespace McpSentinel.Storage.Stores;

/// <summary>A finding with the project's triage verdict on its fingerprint (open when none).</summary>
public sealed record FindingRow(FindingEntity Finding, string TriageState, string? TriageComment, string? TriagedBy, DateTimeOffset? TriagedAt);
