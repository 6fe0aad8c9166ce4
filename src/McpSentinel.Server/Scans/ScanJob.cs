using Hangfire;
using Hangfire.Server;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Scanning;
using McpSentinel.Reporting;
using McpSentinel.Semantic;
using McpSentinel.Server.Inventory;
using McpSentinel.Server.Observability;
using McpSentinel.Server.Webhooks;
using McpSentinel.Storage.Entities;
using McpSentinel.Storage.Stores;
using Microsoft.Extensions.Logging;

namespace McpSentinel.Server.Scans;

/// <summary>The queue job that runs one scan. Safe to run again after a crash or a retry: it starts over, and
/// findings are written insert-if-absent by (scan, fingerprint), so each is stored once.</summary>
public sealed class ScanJob(ScanStore scans, InventoryStore inventory, WebhookDispatcher webhooks, ResultCache cache, LiveScanSource live, ServerOptions options, ILogger<ScanJob> logger, TimeProvider time)
{
    /// <summary>Retries after a failure, with growing delays; a scan that fails every attempt is marked failed.</summary>
    public const int MaxRetries = 3;

    private static readonly IReadOnlyList<IEngineProvider> EngineProviders = [new SemanticEngineProvider()];

    [AutomaticRetry(Attempts = MaxRetries, DelaysInSeconds = [10, 60, 300], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [Queue("scans")]
    public async Task RunAsync(Guid scanId, PerformContext? context, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ScanId"] = scanId });
        using var activity = Telemetry.Source.StartActivity("scan");
        activity?.SetTag("mcp_sentinel.scan_id", scanId.ToString());
        var scan = await scans.StartAttemptAsync(scanId, context?.BackgroundJob.Id, cancellationToken).ConfigureAwait(false);
        if (scan is null)
        {
            logger.LogInformation("scan {ScanId} is already finished or cancelled; nothing to do", scanId);
            return;
        }
        int retry = context?.GetJobParameter<int>("RetryCount") ?? 0;
        logger.LogInformation("scan started: attempt {Attempt}, source {SourceKind}", scan.Attempts, scan.SourceKind);
        SentinelMetrics.ScansStarted.Inc();
        var workspace = Path.Combine(Path.GetTempPath(), "mcp-sentinel-scan-" + scanId.ToString("N") + "-" + Guid.NewGuid().ToString("N")[..8]);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = new StoredProgress();
        var reporter = ReportProgressAsync(scanId, progress, cancel, cancellationToken);
        try
        {
            ScanOptions options;
            string? contentHash = null;
            string? target = null;
            if (scan.SourceKind == SourceKinds.Live)
            {
                // a live server is read anew on every attempt (no cache); a server that cannot be read makes an incomplete scan
                try { options = await live.ApplyAsync(scan.SourceContent ?? [], scan.SourceName ?? "live server", BuildOptions(scan, workspace), cancel.Token).ConfigureAwait(false); }
                catch (System.Security.Cryptography.CryptographicException) { throw new PermanentFailure("the live server spec cannot be decrypted by this worker (it needs the server's Data Protection key ring)"); }
            }
            else
            {
                target = Materialize(scan, workspace);
                options = BuildOptions(scan, target);
                contentHash = cache.IsEnabled ? ResultCache.ContentHash(target, options) : null;
            }
            var result = contentHash is not null ? await cache.GetAsync(contentHash, cancellationToken).ConfigureAwait(false) : null;
            if (result is not null) logger.LogInformation("result taken from the cache ({ContentHash})", contentHash);
            else
            {
                var scanner = new Scanner(time, EngineProviders);
                result = await Task.Run(() => scanner.Scan(options, progress, cancel.Token), cancel.Token).ConfigureAwait(false);
            }
            cancel.Token.ThrowIfCancellationRequested();
            if (contentHash is not null) await cache.SetAsync(contentHash, result, cancellationToken).ConfigureAwait(false);
            // the inventory comes from the client configurations and snapshots of a scanned tree (not from live specs yet)
            var servers = target is null ? [] : new InventoryCollector(options.Rules).Collect(target, cancellationToken);
            if (!await StoreAsync(scan, result, contentHash, progress, servers, cancellationToken).ConfigureAwait(false))
            {
                // the cancellation arrived after the last progress check, before the scan was marked completed
                await scans.DeleteFindingsAsync(scanId, CancellationToken.None).ConfigureAwait(false);
                await FinishCancelledAsync(scanId).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && cancel.IsCancellationRequested)
        {
            // cancelled through the API (the progress loop saw the request)
            await FinishCancelledAsync(scanId).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "scan attempt {Attempt} failed", scan.Attempts);
            if (retry >= MaxRetries || ex is PermanentFailure)
            {
                await scans.FinishAsync(scanId, ScanStatus.Failed, Describe(ex), CancellationToken.None).ConfigureAwait(false);
                SentinelMetrics.ScansFinished.WithLabels(ScanStatus.Failed).Inc();
                await webhooks.ScanFinishedAsync(scanId, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            await scans.RecordErrorAsync(scanId, Describe(ex) + " (will retry)", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await cancel.CancelAsync().ConfigureAwait(false);
            try { await reporter.ConfigureAwait(false); } catch (OperationCanceledException) { }
            TryDelete(workspace);
        }
    }

    private async Task FinishCancelledAsync(Guid scanId)
    {
        await scans.FinishAsync(scanId, ScanStatus.Cancelled, "cancelled on request", CancellationToken.None).ConfigureAwait(false);
        SentinelMetrics.ScansFinished.WithLabels(ScanStatus.Cancelled).Inc();
        logger.LogInformation("scan cancelled on request");
        await webhooks.ScanFinishedAsync(scanId, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stores the findings and the summary; false when a cancellation request won the race.</summary>
    private async Task<bool> StoreAsync(ScanEntity scan, ScanResult result, string? contentHash, StoredProgress progress, IReadOnlyList<ServerSighting> servers, CancellationToken cancellationToken)
    {
        var rows = result.Findings.Select(f => FindingMapper.ToEntity(f, scan.Id, scan.ProjectId)).ToList();
        int added = await scans.AddFindingsAsync(scan.Id, rows, cancellationToken).ConfigureAwait(false);
        // before the scan is marked completed, so that a completed scan's inventory is already readable (the upsert is
        // idempotent, so a retried attempt records the same rows again)
        try { await inventory.RecordAsync(scan.ProjectId, scan.Id, servers, cancellationToken).ConfigureAwait(false); }
        catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogWarning(ex, "the server inventory of the scan could not be stored"); }
        using var json = new MemoryStream();
        new JsonReporter().Write(result, json);
        var s = result.Summary;
        bool completed = await scans.CompleteAsync(new ScanEntity
        {
            Id = scan.Id, Status = ScanStatus.Completed, SourceKind = scan.SourceKind,
            DurationMs = result.DurationMs, FilesScanned = result.FilesScanned, FilesDone = progress.Total, FilesTotal = progress.Total,
            Incomplete = result.Incomplete, Total = s.Total, Critical = s.Critical, High = s.High, Medium = s.Medium, Low = s.Low, Info = s.Info,
            Suppressed = s.Suppressed, RiskScore = s.RiskScore, ReportJson = System.Text.Encoding.UTF8.GetString(json.ToArray()), ContentHash = contentHash,
        }, cancellationToken).ConfigureAwait(false);
        if (!completed) return false;
        SentinelMetrics.ScansFinished.WithLabels(ScanStatus.Completed).Inc();
        SentinelMetrics.ScanDuration.Observe(result.DurationMs / 1000.0);
        foreach (var group in result.Findings.GroupBy(f => f.Severity)) SentinelMetrics.FindingsStored.WithLabels(group.Key.ToString().ToLowerInvariant()).Inc(group.Count());
        logger.LogInformation("scan completed: {Total} finding(s), {Added} stored now, {Files} file(s), {DurationMs} ms", s.Total, added, result.FilesScanned, result.DurationMs);
        await webhooks.ScanFinishedAsync(scan.Id, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Every second: store the progress, and stop the scan when someone asked to cancel it.</summary>
    private async Task ReportProgressAsync(Guid scanId, StoredProgress progress, CancellationTokenSource cancel, CancellationToken shutdown)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(cancel.Token).ConfigureAwait(false))
        {
            try
            {
                if (await scans.ReportProgressAsync(scanId, progress.Done, progress.Total, shutdown).ConfigureAwait(false))
                {
                    await cancel.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "progress could not be stored");
            }
        }
    }

    private string Materialize(ScanEntity scan, string workspace)
    {
        switch (scan.SourceKind)
        {
            case SourceKinds.Path:
                if (scan.SourceName is null || (!Directory.Exists(scan.SourceName) && !File.Exists(scan.SourceName)))
                    throw new PermanentFailure($"the path {scan.SourceName} does not exist on this worker");
                return scan.SourceName;
            case SourceKinds.Archive:
                try { ArchiveExtractor.Extract(scan.SourceContent ?? [], workspace, new ArchiveLimits(options.MaxArchiveEntries, options.MaxExtractedBytes)); }
                catch (ArchiveException ex) { throw new PermanentFailure(ex.Message); }
                return workspace;
            case SourceKinds.Snapshot:
                Directory.CreateDirectory(workspace);
                var file = Path.Combine(workspace, "snapshot.json");
                File.WriteAllBytes(file, scan.SourceContent ?? []);
                return file;
            default:
                throw new PermanentFailure($"unknown source kind '{scan.SourceKind}'");
        }
    }

    private static ScanOptions BuildOptions(ScanEntity scan, string target)
    {
        var (rules, errors) = RuleCatalog.Build([], [], new Dictionary<string, Severity>());
        if (rules is null) throw new InvalidOperationException("the built-in rules could not be loaded: " + string.Join("; ", errors));
        var engines = scan.Engines is { Length: > 0 } e ? e.Split(',') : [.. Scanner.KnownEngines];
        return new ScanOptions { Targets = [target], Rules = rules, Engines = engines, Jobs = Math.Max(1, Environment.ProcessorCount) };
    }

    private static string Describe(Exception ex) => ex is PermanentFailure ? ex.Message : ex.GetType().Name + ": " + ex.Message;

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>A failure that another attempt cannot fix (missing path, bad archive): no retry.</summary>
    private sealed class PermanentFailure(string message) : Exception(message);

    /// <summary>Scanner progress, read by the progress loop (the scanner reports from many threads).</summary>
    private sealed class StoredProgress : IProgress<ScanProgress>
    {
        private int _done;
        private int _total;
        public int Done => Volatile.Read(ref _done);
        public int Total => Volatile.Read(ref _total);

        public void Report(ScanProgress value)
        {
            Volatile.Write(ref _total, value.FilesTotal);
            int seen;
            do { seen = Volatile.Read(ref _done); } while (value.FilesDone > seen && Interlocked.CompareExchange(ref _done, value.FilesDone, seen) != seen);
        }
    }
}
