namespace McpSentinel.Storage.Entities;

/// <summary>An API key. Only the SHA-256 of the key is stored; the prefix (not secret) finds the row.</summary>
public sealed class ApiKeyEntity
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public required string Hash { get; set; }
    public required string Role { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>Requests a minute for this key; null means the server default.</summary>
    public int? RateLimitPerMinute { get; set; }
}
