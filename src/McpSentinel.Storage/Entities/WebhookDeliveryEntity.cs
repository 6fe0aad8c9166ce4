namespace McpSentinel.Storage.Entities;

/// <summary>One webhook delivery and its latest attempt.</summary>
public sealed class WebhookDeliveryEntity
{
    public long Id { get; set; }
    public Guid WebhookId { get; set; }
    public required string Event { get; set; }
    public required string Payload { get; set; }
    public int Attempts { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public bool Succeeded { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
}
