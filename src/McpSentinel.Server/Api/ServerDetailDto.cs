namespace McpSentinel.Server.Api;

/// <summary>One inventoried server and the scans that saw it, newest first.</summary>
public sealed record ServerDetailDto(ServerDto Server, IReadOnlyList<ServerSightingDto> Scans);
