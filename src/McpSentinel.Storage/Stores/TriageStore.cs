using McpSentinel.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace McpSentinel.Storage.Stores;

/// <summary>Triage verdicts, one per (project, fingerprint): set once, they apply to every scan of the project.</summary>
public sealed class TriageStore(SentinelDbFactory factory, TimeProvider time)
{
    public async Task<TriageEntity> SetAsync(Guid projectId, string fingerprint, string state, string? comment, string actor, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            await using var db = factory.CreateDbContext();
            var row = await db.Triage.FirstOrDefaultAsync(t => t.ProjectId == projectId && t.Fingerprint == fingerprint, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                row = new TriageEntity { ProjectId = projectId, Fingerprint = fingerprint, State = state, UpdatedBy = actor };
                db.Triage.Add(row);
            }
            row.State = state;
            row.Comment = comment;
            row.UpdatedBy = actor;
            row.UpdatedAt = time.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return row;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // a concurrent first verdict on the same fingerprint: update that one instead
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> StatesAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Triage.AsNoTracking().Where(t => t.ProjectId == projectId)
            .ToDictionaryAsync(t => t.Fingerprint, t => t.State, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
    }
}
