using System.Text.Json;
using Hangfire;
using McpSentinel.Storage.Entities;
using McpSentinel.Storage.Stores;
using Microsoft.Extensions.Logging;

namespace McpSentinel.Server.Webhooks;

/// <summary>Turns scan events into webhook deliveries (one row each, in the delivery log) and queues them.</summary>
public sealed class WebhookDispatcher(WebhookStore hooks, ScanStore scans, TriageStore triage, IBackgroundJobClient jobs, ILogger<WebhookDispatcher> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Sends <c>scan.finished</c>, and <c>findings.new-high</c> when a completed scan has critical/high findings
    /// that the project's previous completed scan did not have (false positives and accepted risks left out).</summary>
    public async Task ScanFinishedAsync(Guid scanId, CancellationToken cancellationToken)
    {
        var scan = await scans.GetScanStatusAsync(scanId, cancellationToken).ConfigureAwait(false);
        if (scan is null) return;
        var finished = await hooks.SubscribersAsync(WebhookEvents.ScanFinished, scan.ProjectId, cancellationToken).ConfigureAwait(false);
        if (finished.Count > 0)
        {
            var payload = JsonSerializer.Serialize(new
            {
                @event = WebhookEvents.ScanFinished,
                scan = new { id = scan.Id, projectId = scan.ProjectId, status = scan.Status, scan.FinishedAt, scan.Error },
                summary = new { scan.Total, scan.Critical, scan.High, scan.Medium, scan.Low, scan.Info, scan.RiskScore },
            }, Json);
            foreach (var hook in finished) await QueueAsync(hook, WebhookEvents.ScanFinished, payload, cancellationToken).ConfigureAwait(false);
        }
        if (scan.Status != ScanStatus.Completed) return;

        var high = await hooks.SubscribersAsync(WebhookEvents.NewHighFindings, scan.ProjectId, cancellationToken).ConfigureAwait(false);
        if (high.Count == 0) return;
        var previous = await scans.PreviousCompletedScanAsync(scan.ProjectId, scan.Id, scan.CreatedAt, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<FindingEntity> candidates;
        if (previous is { } prev) candidates = (await scans.CompareAsync(prev, scan.Id, cancellationToken).ConfigureAwait(false)).New;
        else candidates = (await scans.ListFindingsAsync(new FindingQuery(scan.Id, MinSeverity: 3, Limit: 10_000), cancellationToken).ConfigureAwait(false)).Items.Select(r => r.Finding).ToList();
        var states = await triage.StatesAsync(scan.ProjectId, cancellationToken).ConfigureAwait(false);
        var fresh = candidates.Where(f => f.Severity >= 3)
            .Where(f => !states.TryGetValue(f.Fingerprint, out var s) || (s != TriageStates.FalsePositive && s != TriageStates.AcceptedRisk))
            .ToList();
        if (fresh.Count == 0) return;
        var highPayload = JsonSerializer.Serialize(new
        {
            @event = WebhookEvents.NewHighFindings,
            scan = new { id = scan.Id, projectId = scan.ProjectId, previousScanId = previous },
            findings = fresh.Take(100).Select(f => new { f.Id, f.Fingerprint, f.RuleId, f.Title, severity = f.Severity == 4 ? "critical" : "high", f.Path, f.StartLine }),
            count = fresh.Count,
        }, Json);
        foreach (var hook in high) await QueueAsync(hook, WebhookEvents.NewHighFindings, highPayload, cancellationToken).ConfigureAwait(false);
    }

    private async Task QueueAsync(WebhookEntity hook, string evt, string payload, CancellationToken cancellationToken)
    {
        var delivery = await hooks.AddDeliveryAsync(hook.Id, evt, payload, cancellationToken).ConfigureAwait(false);
        jobs.Enqueue<WebhookDeliveryJob>(j => j.DeliverAsync(delivery.Id, null, CancellationToken.None));
        logger.LogInformation("webhook {WebhookId}: {Event} queued as delivery {DeliveryId}", hook.Id, evt, delivery.Id);
    }
}
