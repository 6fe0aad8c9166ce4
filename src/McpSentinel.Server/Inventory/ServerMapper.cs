using McpSentinel.Server.Api;
using McpSentinel.Storage.Entities;

namespace McpSentinel.Server.Inventory;

/// <summary>Inventory rows to API objects, with the pin/drift verdict.</summary>
public static class ServerMapper
{
    public static bool IsPinned(ServerEntity s) => s.PinnedAt is not null;

    /// <summary>Pinned, and the latest sighting's identity hash or surface hash is not the approved one.</summary>
    public static bool IsDrifted(ServerEntity s) =>
        IsPinned(s) && (!string.Equals(s.IdentityHash, s.PinnedIdentityHash, StringComparison.Ordinal) || !string.Equals(s.SurfaceHash, s.PinnedSurfaceHash, StringComparison.Ordinal));

    public static ServerDto ToDto(ServerEntity s) => new(
        s.Id, s.ProjectId, s.Origin, s.Name, s.Launcher, s.Command, s.Url, s.Package, s.Version, s.Transport, s.SourceFile, s.SourceLine,
        s.SurfaceHash, s.IdentityHash, s.FirstSeen, s.LastSeen, s.LastScanId, IsPinned(s), s.PinnedAt, s.PinnedBy, IsDrifted(s));
}
