namespace McpSentinel.Core.Rules;

/// <summary><see cref="Code"/> rules do not fire inside comments or docstrings; <see cref="Text"/> rules fire anywhere.</summary>
public enum RuleKind
{
    Code,
    Text,
}
