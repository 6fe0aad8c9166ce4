namespace McpSentinel.Storage.Stores;

public sealed record ScanQuery(Guid? ProjectId = null, string? Status = null, DateTimeOffset? Since = null, int Offset = 0, int Limit = 50);
