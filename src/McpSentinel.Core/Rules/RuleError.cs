namespace McpSentinel.Core.Rules;

/// <summary>A problem with a rule file: where it is and what is wrong.</summary>
public sealed record RuleError(string Source, string? RuleId, string Message)
{
    public override string ToString() => RuleId is null ? $"{Source}: {Message}" : $"{Source}: {RuleId}: {Message}";
}
