using Hangfire;
using McpSentinel.Core.Scanning;
using McpSentinel.Storage.Entities;
using McpSentinel.Storage.Stores;

namespace McpSentinel.Server.Scans;

/// <summary>Accepts scans (path under the allowed roots, archive, snapshot, live server), records them and puts them on the queue.</summary>
public sealed class ScanService(ScanStore scans, AuditStore audit, AllowedRoots roots, LiveScanSource live, IBackgroundJobClient jobs, ServerOptions options, TimeProvider time)
{
    public async Task<ScanEntity> SubmitPathAsync(string project, string path, IReadOnlyList<string>? engines, string actor, CancellationToken cancellationToken)
    {
        var (resolved, refusal) = roots.Check(path);
        if (resolved is null) throw new SubmissionException(refusal!, forbidden: refusal!.Contains("outside", StringComparison.Ordinal) || refusal.Contains("disabled", StringComparison.Ordinal));
        return await SubmitAsync(new ScanSubmission(project, SourceKinds.Path, resolved, null, engines), actor, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ScanEntity> SubmitArchiveAsync(string project, string? fileName, byte[] archive, IReadOnlyList<string>? engines, string actor, CancellationToken cancellationToken)
    {
        try { ArchiveExtractor.DetectFormat(archive); }
        catch (ArchiveException ex) { throw new SubmissionException(ex.Message); }
        // unpack once now into a throw-away folder, so a malicious or oversized archive is refused at the door
        var probe = Path.Combine(Path.GetTempPath(), "mcp-sentinel-check-" + Guid.NewGuid().ToString("N"));
        try { ArchiveExtractor.Extract(archive, probe, new ArchiveLimits(options.MaxArchiveEntries, options.MaxExtractedBytes)); }
        catch (ArchiveException ex) { throw new SubmissionException(ex.Message); }
        finally { TryDelete(probe); }
        return await SubmitAsync(new ScanSubmission(project, SourceKinds.Archive, fileName ?? "upload", archive, engines), actor, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ScanEntity> SubmitSnapshotAsync(string project, string snapshotJson, IReadOnlyList<string>? engines, string actor, CancellationToken cancellationToken)
    {
        var (snapshot, error) = Core.Surface.SurfaceSnapshot.Parse(snapshotJson);
        if (snapshot is null) throw new SubmissionException("the snapshot is not valid: " + error);
        return await SubmitAsync(new ScanSubmission(project, SourceKinds.Snapshot, "snapshot.json", System.Text.Encoding.UTF8.GetBytes(snapshotJson), engines), actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A live server: checked against the admin's rules (403 when refused), kept encrypted (header and
    /// environment values are secrets); the scan's source name is the masked URL or command.</summary>
    public async Task<ScanEntity> SubmitLiveAsync(string project, Api.LiveServerSpec spec, IReadOnlyList<string>? engines, string actor, CancellationToken cancellationToken)
    {
        var display = live.Check(spec);
        return await SubmitAsync(new ScanSubmission(project, SourceKinds.Live, display, live.Protect(spec), engines), actor, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ScanEntity> SubmitAsync(ScanSubmission submission, string actor, CancellationToken cancellationToken)
    {
        var projectName = submission.Project.Trim();
        if (projectName.Length is 0 or > 200) throw new SubmissionException("project must be 1 to 200 characters");
        if (submission.Engines is { Count: > 0 } engines)
        {
            foreach (var e in engines.Where(e => !Scanner.KnownEngines.Contains(e)))
                throw new SubmissionException($"unknown engine '{e}' (available: {string.Join(", ", Scanner.KnownEngines)})");
        }
        var project = await scans.GetOrCreateProjectAsync(projectName, cancellationToken).ConfigureAwait(false);
        var scan = new ScanEntity
        {
            Id = Guid.NewGuid(),
            ProjectId = project.Id,
            Status = ScanStatus.Queued,
            SourceKind = submission.SourceKind,
            SourceName = submission.SourceName,
            SourceContent = submission.Content,
            Engines = submission.Engines is { Count: > 0 } ? string.Join(',', submission.Engines) : null,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor,
        };
        await scans.AddScanAsync(scan, cancellationToken).ConfigureAwait(false);
        await EnqueueAsync(scan.Id, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(actor, "scan.create", scan.Id.ToString(), $"{submission.SourceKind} {submission.SourceName} project={projectName}", cancellationToken).ConfigureAwait(false);
        scan.SourceContent = null;
        return scan;
    }

    public async Task EnqueueAsync(Guid scanId, CancellationToken cancellationToken)
    {
        var jobId = jobs.Enqueue<ScanJob>(j => j.RunAsync(scanId, null, CancellationToken.None));
        await scans.SetJobIdAsync(scanId, jobId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> CancelAsync(Guid scanId, string actor, CancellationToken cancellationToken)
    {
        bool accepted = await scans.RequestCancelAsync(scanId, cancellationToken).ConfigureAwait(false);
        if (accepted) await audit.RecordAsync(actor, "scan.cancel", scanId.ToString(), null, cancellationToken).ConfigureAwait(false);
        return accepted;
    }

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
