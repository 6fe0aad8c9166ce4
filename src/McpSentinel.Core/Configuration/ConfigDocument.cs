namespace McpSentinel.Core.Configuration;

/// <summary>The YAML shape of <c>.mcp-sentinel.yml</c> (keys are kebab-case; unknown keys are an error).</summary>
internal sealed class ConfigDocument
{
    public string? FailOn { get; set; }
    public string? MinSeverity { get; set; }
    public string? MinConfidence { get; set; }
    public List<string>? Engines { get; set; }
    public List<string>? Rules { get; set; }
    public List<string>? Include { get; set; }
    public List<string>? Exclude { get; set; }
    public string? MaxFileSize { get; set; }
    public int? Jobs { get; set; }
    public string? Baseline { get; set; }
    public bool? FollowSymlinks { get; set; }
    public bool? Gitignore { get; set; }
    public List<string>? DisableRules { get; set; }
    public Dictionary<string, string>? SeverityOverrides { get; set; }
    public List<SuppressionDocument>? Suppressions { get; set; }
}

internal sealed class SuppressionDocument
{
    public string? Rule { get; set; }
    public string? Path { get; set; }
    public string? Fingerprint { get; set; }
    public string? Reason { get; set; }
    public string? Expires { get; set; }
}

internal sealed class SuppressionFileDocument
{
    public List<SuppressionDocument>? Suppressions { get; set; }
}
