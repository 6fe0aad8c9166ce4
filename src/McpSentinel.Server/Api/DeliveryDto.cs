namespace McpSentinel.Server.Api;

public sealed record DeliveryDto(long Id, string Event, int Attempts, int? StatusCode, string? Error, bool Succeeded, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt);
