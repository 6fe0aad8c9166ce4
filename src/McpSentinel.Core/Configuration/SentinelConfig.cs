using McpSentinel.Core.Model;
using McpSentinel.Core.Suppression;

namespace McpSentinel.Core.Configuration;

/// <summary>A resolved configuration file. Every value is optional: command-line flags win over it.</summary>
public sealed record SentinelConfig
{
    public string? SourcePath { get; init; }
    public Severity? FailOn { get; init; }
    public Severity? MinSeverity { get; init; }
    public Confidence? MinConfidence { get; init; }
    public IReadOnlyList<string>? Engines { get; init; }
    /// <summary>Rule directories, already resolved against the configuration file's folder.</summary>
    public IReadOnlyList<string> RuleDirectories { get; init; } = [];
    public IReadOnlyList<string> Include { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    public long? MaxFileSize { get; init; }
    public int? Jobs { get; init; }
    public string? Baseline { get; init; }
    public bool? FollowSymlinks { get; init; }
    public bool? Gitignore { get; init; }
    public IReadOnlyList<string> DisableRules { get; init; } = [];
    public IReadOnlyDictionary<string, Severity> SeverityOverrides { get; init; } = new Dictionary<string, Severity>();
    public IReadOnlyList<SuppressionEntry> Suppressions { get; init; } = [];

    public static readonly SentinelConfig Empty = new();
}
