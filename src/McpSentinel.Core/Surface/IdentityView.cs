namespace McpSentinel.Core.Surface;

/// <summary>The surface one server showed to one client identity (the clientInfo name/version sent in <c>initialize</c>).</summary>
public sealed record IdentityView(string Identity, ServerSurface Surface);
