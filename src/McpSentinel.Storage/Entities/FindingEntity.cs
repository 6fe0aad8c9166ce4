namespace McpSentinel.Storage.Entities;

/// <summary>One finding of one scan. (ScanId, Fingerprint) is unique, so a retried job stores a finding once.
/// Evidence is the scanner's masked snippet: secrets never reach the database in clear.</summary>
public sealed class FindingEntity
{
    public long Id { get; set; }
    public Guid ScanId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Fingerprint { get; set; }
    public required string RuleId { get; set; }
    public required string Title { get; set; }
    public required string Category { get; set; }
    /// <summary>0 info … 4 critical (Core's Severity).</summary>
    public int Severity { get; set; }
    public required string Confidence { get; set; }
    public required string Engine { get; set; }
    public required string Message { get; set; }
    public string? Path { get; set; }
    public int StartLine { get; set; }
    public int EndLine { get; set; }
    public string? LogicalPath { get; set; }
    public required string Evidence { get; set; }
}
