namespace McpSentinel.Storage.Entities;

/// <summary>A person's verdict on a finding, by fingerprint within a project, so it holds for every later scan.</summary>
public sealed class TriageEntity
{
    public long Id { get; set; }
    public Guid ProjectId { get; set; }
    public required string Fingerprint { get; set; }
    /// <summary>One of <see cref="TriageStates"/>.</summary>
    public required string State { get; set; }
    public string? Comment { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
