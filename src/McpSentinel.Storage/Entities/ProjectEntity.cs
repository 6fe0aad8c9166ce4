namespace McpSentinel.Storage.Entities;

/// <summary>A named group of scans (a repository, a service); triage and trends are per project.</summary>
public sealed class ProjectEntity
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
