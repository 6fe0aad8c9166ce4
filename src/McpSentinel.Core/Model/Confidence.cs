namespace McpSentinel.Core.Model;

/// <summary>How sure a detector is that a finding is real, ordered from least to most sure.</summary>
public enum Confidence
{
    Low = 0,
    Medium = 1,
    High = 2,
}
