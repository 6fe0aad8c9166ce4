using McpSentinel.Core.Model;

namespace McpSentinel.Core.Rules;

/// <summary>A rule self-test: <see cref="Code"/> scanned as a file of <see cref="Language"/>.</summary>
public sealed record RuleSample(Language Language, string Code, bool MustMatch);
