namespace McpSentinel.Storage.Stores;

/// <summary>One page of a list: the items, the total that match, and where the page starts.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);
