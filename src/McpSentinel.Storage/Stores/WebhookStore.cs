using McpSentinel.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace McpSentinel.Storage.Stores;

/// <summary>Webhooks and their delivery log.</summary>
public sealed class WebhookStore(SentinelDbFactory factory, TimeProvider time)
{
    public async Task AddAsync(WebhookEntity hook, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        db.Webhooks.Add(hook);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<WebhookEntity>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var hooks = await db.Webhooks.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return hooks.OrderBy(h => h.CreatedAt).ToList();
    }

    public async Task<WebhookEntity?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UpdateAsync(Guid id, string? url, string? events, bool? enabled, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var hook = await db.Webhooks.FirstOrDefaultAsync(h => h.Id == id, cancellationToken).ConfigureAwait(false);
        if (hook is null) return false;
        if (url is not null) hook.Url = url;
        if (events is not null) hook.Events = events;
        if (enabled is not null) hook.Enabled = enabled.Value;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Webhooks.Where(h => h.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Enabled hooks subscribed to the event, for every project or this one.</summary>
    public async Task<IReadOnlyList<WebhookEntity>> SubscribersAsync(string evt, Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var hooks = await db.Webhooks.AsNoTracking().Where(h => h.Enabled && (h.ProjectId == null || h.ProjectId == projectId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return hooks.Where(h => h.Events.Split(',', StringSplitOptions.TrimEntries).Contains(evt, StringComparer.Ordinal)).ToList();
    }

    public async Task<WebhookDeliveryEntity> AddDeliveryAsync(Guid webhookId, string evt, string payload, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var delivery = new WebhookDeliveryEntity { WebhookId = webhookId, Event = evt, Payload = payload, CreatedAt = time.GetUtcNow() };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return delivery;
    }

    public async Task<WebhookDeliveryEntity?> GetDeliveryAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordAttemptAsync(long id, int? statusCode, string? error, bool succeeded, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var now = time.GetUtcNow();
        await db.WebhookDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(d => d.Attempts, d => d.Attempts + 1)
            .SetProperty(d => d.StatusCode, statusCode)
            .SetProperty(d => d.Error, error)
            .SetProperty(d => d.Succeeded, succeeded)
            .SetProperty(d => d.LastAttemptAt, now), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<WebhookDeliveryEntity>> DeliveriesAsync(Guid webhookId, int limit, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhookId).OrderByDescending(d => d.Id).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
