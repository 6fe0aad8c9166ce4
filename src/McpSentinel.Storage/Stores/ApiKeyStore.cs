using McpSentinel.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace McpSentinel.Storage.Stores;

/// <summary>API key rows. The store never sees a key in clear, only its prefix and hash.</summary>
public sealed class ApiKeyStore(SentinelDbFactory factory, TimeProvider time)
{
    public async Task AddAsync(ApiKeyEntity key, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> AnyActiveAdminAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.ApiKeys.AnyAsync(k => k.Role == "admin" && k.RevokedAt == null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiKeyEntity?> FindByPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ApiKeyEntity>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return keys.OrderBy(k => k.CreatedAt).ToList();
    }

    public async Task<ApiKeyEntity?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var now = time.GetUtcNow();
        return await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, now), cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task TouchAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var now = time.GetUtcNow();
        await db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(u => u.SetProperty(k => k.LastUsedAt, now), cancellationToken).ConfigureAwait(false);
    }
}
