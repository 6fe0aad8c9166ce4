namespace McpSentinel.Storage.Stores;

/// <summary>One server seen by one scan, values already masked; <see cref="InventoryStore.RecordAsync"/> upserts it.</summary>
public sealed record ServerSighting(string Identity, string Origin, string Name, string IdentityHash)
{
    public string? Launcher { get; init; }
    public string? Command { get; init; }
    public string? Url { get; init; }
    public string? Package { get; init; }
    public string? Version { get; init; }
    public string? Transport { get; init; }
    public string? SourceFile { get; init; }
    public int? SourceLine { get; init; }
    public string? SurfaceHash { get; init; }
}
