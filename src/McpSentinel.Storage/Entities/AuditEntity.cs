namespace McpSentinel.Storage.Entities;

/// <summary>One sensitive action: who did what to which object. Never holds a secret.</summary>
public sealed class AuditEntity
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? Target { get; set; }
    public string? Detail { get; set; }
}
