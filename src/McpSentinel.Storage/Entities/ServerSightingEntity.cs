namespace McpSentinel.Storage.Entities;

/// <summary>A scan that saw an inventoried server.</summary>
public sealed class ServerSightingEntity
{
    public Guid ServerId { get; set; }
    public Guid ScanId { get; set; }
    public DateTimeOffset At { get; set; }
}
