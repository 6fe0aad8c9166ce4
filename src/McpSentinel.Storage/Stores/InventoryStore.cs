using McpSentinel.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace McpSentinel.Storage.Stores;

/// <summary>The server inventory: the MCP servers each project's completed scans have seen, and their approved pins.</summary>
public sealed class InventoryStore(SentinelDbFactory factory, TimeProvider time)
{
    /// <summary>Upserts the servers one scan saw (by project and identity) and records the sighting. Safe to run twice for a scan.</summary>
    public async Task RecordAsync(Guid projectId, Guid scanId, IReadOnlyList<ServerSighting> sightings, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await RecordOnceAsync(projectId, scanId, sightings, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // another scan of the project inserted the same server at the same moment: read it again and update
            }
        }
    }

    private async Task RecordOnceAsync(Guid projectId, Guid scanId, IReadOnlyList<ServerSighting> sightings, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var now = time.GetUtcNow();
        var identities = sightings.Select(s => s.Identity).Distinct(StringComparer.Ordinal).ToList();
        var existing = await db.Servers.Where(s => s.ProjectId == projectId && identities.Contains(s.Identity))
            .ToDictionaryAsync(s => s.Identity, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var seenAlready = await db.ServerSightings.Where(x => x.ScanId == scanId).Select(x => x.ServerId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var recorded = new HashSet<Guid>(seenAlready);
        foreach (var s in sightings.DistinctBy(s => s.Identity, StringComparer.Ordinal))
        {
            if (!existing.TryGetValue(s.Identity, out var row))
            {
                row = new ServerEntity { Id = Guid.NewGuid(), ProjectId = projectId, Identity = s.Identity, Origin = s.Origin, Name = s.Name, IdentityHash = s.IdentityHash, FirstSeen = now };
                db.Servers.Add(row);
            }
            row.Name = s.Name;
            row.Launcher = s.Launcher;
            row.Command = s.Command;
            row.Url = s.Url;
            row.Package = s.Package;
            row.Version = s.Version;
            row.Transport = s.Transport;
            row.SourceFile = s.SourceFile;
            row.SourceLine = s.SourceLine;
            row.SurfaceHash = s.SurfaceHash;
            row.IdentityHash = s.IdentityHash;
            row.LastSeen = now;
            row.LastScanId = scanId;
            if (recorded.Add(row.Id)) db.ServerSightings.Add(new ServerSightingEntity { ServerId = row.Id, ScanId = scanId, At = now });
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<ServerEntity>> ListAsync(Guid? projectId, string? transport, string? name, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var rows = db.Servers.AsNoTracking();
        if (projectId is { } p) rows = rows.Where(s => s.ProjectId == p);
        if (transport is not null) rows = rows.Where(s => s.Transport == transport);
        if (name is not null) rows = rows.Where(s => s.Name == name);
        int total = await rows.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await rows.OrderBy(s => s.Name).ThenBy(s => s.Identity).ThenBy(s => s.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<ServerEntity>(items, total, offset, limit);
    }

    public async Task<ServerEntity?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Servers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The scans that saw a server, newest first.</summary>
    public async Task<IReadOnlyList<ServerSightingEntity>> SightingsAsync(Guid id, int limit, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var rows = await db.ServerSightings.AsNoTracking().Where(x => x.ServerId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderByDescending(x => x.At).ThenBy(x => x.ScanId).Take(limit).ToList();
    }

    /// <summary>Approves the server's current identity and surface hash; null when there is no such server.</summary>
    public async Task<ServerEntity?> PinAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var row = await db.Servers.FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (row is null) return null;
        row.PinnedIdentityHash = row.IdentityHash;
        row.PinnedSurfaceHash = row.SurfaceHash;
        row.PinnedAt = time.GetUtcNow();
        row.PinnedBy = actor;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return row;
    }

    /// <summary>Removes the pin; null when there is no such server.</summary>
    public async Task<ServerEntity?> UnpinAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var row = await db.Servers.FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (row is null) return null;
        row.PinnedIdentityHash = null;
        row.PinnedSurfaceHash = null;
        row.PinnedAt = null;
        row.PinnedBy = null;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return row;
    }
}
