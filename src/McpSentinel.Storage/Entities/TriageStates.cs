namespace McpSentinel.Storage.Entities;

public static class TriageStates
{
    public const string Open = "open";
    public const string AcceptedRisk = "accepted-risk";
    public const string FalsePositive = "false-positive";
    public const string Fixed = "fixed";

    public static readonly IReadOnlyList<string> All = [Open, AcceptedRisk, FalsePositive, Fixed];
}
