using McpSentinel.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace McpSentinel.Storage.Stores;

/// <summary>Projects, scans and their findings.</summary>
public sealed class ScanStore(SentinelDbFactory factory, TimeProvider time)
{
    public async Task<ProjectEntity> GetOrCreateProjectAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var existing = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name, cancellationToken).ConfigureAwait(false);
        if (existing is not null) return existing;
        var project = new ProjectEntity { Id = Guid.NewGuid(), Name = name, CreatedAt = time.GetUtcNow() };
        db.Projects.Add(project);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return project;
        }
        catch (DbUpdateException)
        {
            // created by a concurrent request: the unique name wins
            await using var again = factory.CreateDbContext();
            return await again.Projects.AsNoTracking().FirstAsync(p => p.Name == name, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<ProjectEntity>> ListProjectsAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Projects.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProjectEntity?> GetProjectAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken).ConfigureAwait(false);
    }

    public async Task AddScanAsync(ScanEntity scan, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        db.Scans.Add(scan);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SetJobIdAsync(Guid scanId, string jobId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        await db.Scans.Where(s => s.Id == scanId).ExecuteUpdateAsync(u => u.SetProperty(s => s.JobId, jobId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The whole row, with the source content and the report.</summary>
    public async Task<ScanEntity?> GetScanAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Scans.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The row without the source content and the report (status, progress, summary).</summary>
    public async Task<ScanEntity?> GetScanStatusAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await WithoutBlobs(db.Scans.AsNoTracking().Where(s => s.Id == id)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<ScanEntity>> ListScansAsync(ScanQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = factory.CreateDbContext();
        var scans = db.Scans.AsNoTracking();
        if (query.ProjectId is { } project) scans = scans.Where(s => s.ProjectId == project);
        if (query.Status is { } status) scans = scans.Where(s => s.Status == status);
        if (query.Since is { } since) scans = scans.Where(s => s.CreatedAt >= since);
        int total = await scans.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await WithoutBlobs(scans.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).Skip(query.Offset).Take(query.Limit))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<ScanEntity>(items, total, query.Offset, query.Limit);
    }

    /// <summary>Scans that were submitted but not finished: after a restart with an in-memory queue they are queued again.</summary>
    public async Task<IReadOnlyList<Guid>> UnfinishedScanIdsAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Scans.AsNoTracking().Where(s => s.Status == ScanStatus.Queued || s.Status == ScanStatus.Running)
            .OrderBy(s => s.CreatedAt).Select(s => s.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CountByStatusAsync(string status, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Scans.CountAsync(s => s.Status == status, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks a scan as running for one more attempt; null when it is already final (done or cancelled).</summary>
    public async Task<ScanEntity?> StartAttemptAsync(Guid id, string? jobId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var scan = await db.Scans.FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (scan is null || ScanStatus.IsFinal(scan.Status)) return null;
        if (scan.CancelRequested)
        {
            scan.Status = ScanStatus.Cancelled;
            scan.FinishedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        scan.Status = ScanStatus.Running;
        scan.Attempts++;
        scan.StartedAt ??= time.GetUtcNow();
        if (jobId is not null) scan.JobId = jobId;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return scan;
    }

    /// <summary>Stores progress and answers whether a cancellation was requested.</summary>
    public async Task<bool> ReportProgressAsync(Guid id, int done, int total, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        await db.Scans.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.FilesDone, done).SetProperty(s => s.FilesTotal, total), cancellationToken).ConfigureAwait(false);
        return await db.Scans.Where(s => s.Id == id).Select(s => s.CancelRequested).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks a scan to stop. A queued scan is cancelled at once; a running one stops at its next progress report.
    /// False when the scan is already final.</summary>
    public async Task<bool> RequestCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var now = time.GetUtcNow();
        // one conditional update each, so a request cannot slip in while a worker marks the scan completed
        int queued = await db.Scans.Where(s => s.Id == id && s.Status == ScanStatus.Queued)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.CancelRequested, true).SetProperty(s => s.Status, ScanStatus.Cancelled).SetProperty(s => s.FinishedAt, now), cancellationToken).ConfigureAwait(false);
        if (queued == 1) return true;
        int running = await db.Scans.Where(s => s.Id == id && s.Status == ScanStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.CancelRequested, true), cancellationToken).ConfigureAwait(false);
        return running == 1;
    }

    /// <summary>Removes what a scan stored before it was cancelled (a cancelled scan has no findings).</summary>
    public async Task DeleteFindingsAsync(Guid scanId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        await db.Findings.Where(f => f.ScanId == scanId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts the findings that this scan does not have yet (by fingerprint), in one transaction; the unique
    /// (scan, fingerprint) index is the backstop when two attempts race. Returns how many rows were added.</summary>
    public async Task<int> AddFindingsAsync(Guid scanId, IReadOnlyList<FindingEntity> findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        for (int attempt = 0; ; attempt++)
        {
            await using var db = factory.CreateDbContext();
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var existing = (await db.Findings.Where(f => f.ScanId == scanId).Select(f => f.Fingerprint).ToListAsync(cancellationToken).ConfigureAwait(false))
                .ToHashSet(StringComparer.Ordinal);
            var fresh = new List<FindingEntity>();
            foreach (var f in findings)
            {
                if (!existing.Add(f.Fingerprint)) continue;
                fresh.Add(new FindingEntity
                {
                    ScanId = scanId, ProjectId = f.ProjectId, Fingerprint = f.Fingerprint, RuleId = f.RuleId, Title = f.Title, Category = f.Category,
                    Severity = f.Severity, Confidence = f.Confidence, Engine = f.Engine, Message = f.Message, Path = f.Path,
                    StartLine = f.StartLine, EndLine = f.EndLine, LogicalPath = f.LogicalPath, Evidence = f.Evidence,
                });
            }
            db.Findings.AddRange(fresh);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                return fresh.Count;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // another attempt of the same job wrote some of them first: read again and add only the rest
            }
        }
    }

    public async Task<int> CountFindingsAsync(Guid scanId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Findings.CountAsync(f => f.ScanId == scanId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the scan completed with its summary; false (and nothing changes) when a cancellation was requested
    /// meanwhile: the request wins.</summary>
    public async Task<bool> CompleteAsync(ScanEntity summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await using var db = factory.CreateDbContext();
        var now = time.GetUtcNow();
        return 1 == await db.Scans.Where(s => s.Id == summary.Id && !s.CancelRequested).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, ScanStatus.Completed)
            .SetProperty(s => s.FinishedAt, now)
            .SetProperty(s => s.DurationMs, summary.DurationMs)
            .SetProperty(s => s.FilesScanned, summary.FilesScanned)
            .SetProperty(s => s.FilesDone, summary.FilesDone)
            .SetProperty(s => s.FilesTotal, summary.FilesTotal)
            .SetProperty(s => s.Incomplete, summary.Incomplete)
            .SetProperty(s => s.Total, summary.Total)
            .SetProperty(s => s.Critical, summary.Critical)
            .SetProperty(s => s.High, summary.High)
            .SetProperty(s => s.Medium, summary.Medium)
            .SetProperty(s => s.Low, summary.Low)
            .SetProperty(s => s.Info, summary.Info)
            .SetProperty(s => s.Suppressed, summary.Suppressed)
            .SetProperty(s => s.RiskScore, summary.RiskScore)
            .SetProperty(s => s.ReportJson, summary.ReportJson)
            .SetProperty(s => s.ContentHash, summary.ContentHash)
            .SetProperty(s => s.Error, (string?)null), cancellationToken).ConfigureAwait(false);
    }

    public async Task FinishAsync(Guid id, string status, string? error, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var now = time.GetUtcNow();
        await db.Scans.Where(s => s.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, status)
            .SetProperty(s => s.FinishedAt, now)
            .SetProperty(s => s.Error, error), cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordErrorAsync(Guid id, string error, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        await db.Scans.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Error, error), cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<FindingRow>> ListFindingsAsync(FindingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = factory.CreateDbContext();
        var findings = db.Findings.AsNoTracking().Where(f => f.ScanId == query.ScanId);
        if (query.MinSeverity is { } min) findings = findings.Where(f => f.Severity >= min);
        if (query.RuleId is { } rule) findings = findings.Where(f => f.RuleId == rule);
        if (query.Category is { } category) findings = findings.Where(f => f.Category == category);
        if (query.PathPrefix is { } prefix) findings = findings.Where(f => f.Path != null && f.Path.StartsWith(prefix));
        var joined = from f in findings
                     join t in db.Triage on new { f.ProjectId, f.Fingerprint } equals new { t.ProjectId, t.Fingerprint } into tj
                     from t in tj.DefaultIfEmpty()
                     select new { f, t };
        if (query.TriageState is { } state)
        {
            joined = state == TriageStates.Open ? joined.Where(x => x.t == null || x.t.State == TriageStates.Open) : joined.Where(x => x.t != null && x.t.State == state);
        }
        int total = await joined.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await joined.OrderByDescending(x => x.f.Severity).ThenBy(x => x.f.Path).ThenBy(x => x.f.StartLine).ThenBy(x => x.f.RuleId).ThenBy(x => x.f.Id)
            .Skip(query.Offset).Take(query.Limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        var items = rows.Select(x => new FindingRow(x.f, x.t?.State ?? TriageStates.Open, x.t?.Comment, x.t?.UpdatedBy, x.t?.UpdatedAt)).ToList();
        return new Page<FindingRow>(items, total, query.Offset, query.Limit);
    }

    public async Task<FindingEntity?> GetFindingAsync(Guid scanId, long findingId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Findings.AsNoTracking().FirstOrDefaultAsync(f => f.ScanId == scanId && f.Id == findingId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TrendPoint>> TrendsAsync(Guid projectId, int limit, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var points = await db.Scans.AsNoTracking()
            .Where(s => s.ProjectId == projectId && s.Status == ScanStatus.Completed)
            .OrderByDescending(s => s.FinishedAt).Take(limit)
            .Select(s => new TrendPoint(s.Id, s.FinishedAt ?? s.CreatedAt, s.Total, s.Critical, s.High, s.Medium, s.Low, s.Info, s.RiskScore))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        points.Reverse();
        return points;
    }

    /// <summary>The project's last completed scan before the given one, if any.</summary>
    public async Task<Guid?> PreviousCompletedScanAsync(Guid projectId, Guid scanId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Scans.AsNoTracking()
            .Where(s => s.ProjectId == projectId && s.Id != scanId && s.Status == ScanStatus.Completed && s.CreatedAt < before)
            .OrderByDescending(s => s.CreatedAt).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ScanComparison> CompareAsync(Guid baseScanId, Guid headScanId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var baseFindings = await db.Findings.AsNoTracking().Where(f => f.ScanId == baseScanId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var headFindings = await db.Findings.AsNoTracking().Where(f => f.ScanId == headScanId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var baseSet = baseFindings.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var headSet = headFindings.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var added = headFindings.Where(f => !baseSet.Contains(f.Fingerprint)).OrderByDescending(f => f.Severity).ThenBy(f => f.Path).ThenBy(f => f.StartLine).ToList();
        var removed = baseFindings.Where(f => !headSet.Contains(f.Fingerprint)).OrderByDescending(f => f.Severity).ThenBy(f => f.Path).ThenBy(f => f.StartLine).ToList();
        return new ScanComparison(baseScanId, headScanId, added, removed, headFindings.Count - added.Count);
    }

    private static IQueryable<ScanEntity> WithoutBlobs(IQueryable<ScanEntity> scans) => scans.Select(s => new ScanEntity
    {
        Id = s.Id, ProjectId = s.ProjectId, Status = s.Status, CancelRequested = s.CancelRequested, SourceKind = s.SourceKind, SourceName = s.SourceName,
        Engines = s.Engines, FilesDone = s.FilesDone, FilesTotal = s.FilesTotal, Attempts = s.Attempts, JobId = s.JobId, Error = s.Error, CreatedBy = s.CreatedBy,
        CreatedAt = s.CreatedAt, StartedAt = s.StartedAt, FinishedAt = s.FinishedAt, DurationMs = s.DurationMs, FilesScanned = s.FilesScanned,
        Incomplete = s.Incomplete, Total = s.Total, Critical = s.Critical, High = s.High, Medium = s.Medium, Low = s.Low, Info = s.Info,
        Suppressed = s.Suppressed, RiskScore = s.RiskScore, ContentHash = s.ContentHash,
    });
}
