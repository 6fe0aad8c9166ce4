using McpSentinel.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace McpSentinel.Storage.Stores;

/// <summary>The audit log of sensitive actions (keys, scans, triage, webhooks).</summary>
public sealed class AuditStore(SentinelDbFactory factory, TimeProvider time)
{
    public async Task RecordAsync(string actor, string action, string? target, string? detail, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        db.Audit.Add(new AuditEntity { At = time.GetUtcNow(), Actor = actor, Action = action, Target = target, Detail = detail });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<AuditEntity>> ListAsync(string? action, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var entries = db.Audit.AsNoTracking();
        if (action is not null) entries = entries.Where(a => a.Action == action);
        int total = await entries.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await entries.OrderByDescending(a => a.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<AuditEntity>(items, total, offset, limit);
    }
}
