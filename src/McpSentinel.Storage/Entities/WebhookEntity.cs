namespace McpSentinel.Storage.Entities;

/// <summary>An outgoing webhook. The secret signs deliveries (HMAC-SHA256), so it is kept; the API shows it only once.</summary>
public sealed class WebhookEntity
{
    public Guid Id { get; set; }
    public required string Url { get; set; }
    public required string Secret { get; set; }
    /// <summary>Comma-separated event names (<see cref="WebhookEvents"/>).</summary>
    public required string Events { get; set; }
    /// <summary>Only scans of this project; null means every project.</summary>
    public Guid? ProjectId { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}
