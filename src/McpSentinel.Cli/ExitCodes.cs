namespace McpSentinel.Cli;

/// <summary>The exit-code contract (ARCHITECTURE.md §4.1). Never negative.</summary>
public static class ExitCodes
{
    public const int Clean = 0;
    public const int Findings = 1;
    public const int UsageError = 2;
    public const int Incomplete = 3;
}
