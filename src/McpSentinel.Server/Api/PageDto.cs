namespace McpSentinel.Server.Api;

/// <summary>A page of results: <c>items</c>, the <c>total</c> that match, and the <c>offset</c>/<c>limit</c> used.</summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);
