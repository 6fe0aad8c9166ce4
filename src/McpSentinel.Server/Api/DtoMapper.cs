using McpSentinel.Server.Auth;
using McpSentinel.Storage.Entities;
using McpSentinel.Storage.Stores;

namespace McpSentinel.Server.Api;

/// <summary>Rows to API shapes.</summary>
public static class DtoMapper
{
    public static string SeverityName(int severity) => severity switch { 4 => "critical", 3 => "high", 2 => "medium", 1 => "low", _ => "info" };

    public static ScanDto ToDto(ScanEntity s)
    {
        ArgumentNullException.ThrowIfNull(s);
        int percent = s.Status == ScanStatus.Completed ? 100 : s.FilesTotal > 0 ? (int)(100L * s.FilesDone / s.FilesTotal) : 0;
        var summary = s.Status == ScanStatus.Completed ? new SummaryDto(s.Total, s.Critical, s.High, s.Medium, s.Low, s.Info, s.Suppressed, s.RiskScore, s.FilesScanned, s.Incomplete) : null;
        return new ScanDto(s.Id, s.ProjectId, s.Status, s.CancelRequested, s.SourceKind, s.SourceName, s.Engines?.Split(','),
            new ProgressDto(s.FilesDone, s.FilesTotal, Math.Clamp(percent, 0, 100)), s.Attempts, s.Error, s.CreatedBy,
            s.CreatedAt, s.StartedAt, s.FinishedAt, s.DurationMs, summary);
    }

    public static FindingDto ToDto(FindingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var f = row.Finding;
        return new FindingDto(f.Id, f.Fingerprint, f.RuleId, f.Title, f.Category, SeverityName(f.Severity), f.Confidence, f.Engine, f.Message,
            f.Path, f.StartLine, f.EndLine, f.LogicalPath, f.Evidence, new TriageDto(row.TriageState, row.TriageComment, row.TriagedBy, row.TriagedAt));
    }

    public static ComparedFindingDto ToCompared(FindingEntity f) => new(f.Fingerprint, f.RuleId, f.Title, SeverityName(f.Severity), f.Path, f.StartLine);

    public static WebhookDto ToDto(WebhookEntity h) =>
        new(h.Id, h.Url, h.Events.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), h.ProjectId, h.Enabled, h.CreatedAt);

    public static DeliveryDto ToDto(WebhookDeliveryEntity d) => new(d.Id, d.Event, d.Attempts, d.StatusCode, d.Error, d.Succeeded, d.CreatedAt, d.LastAttemptAt);

    public static ApiKeyDto ToDto(ApiKeyEntity k) =>
        new(k.Id, k.Name, ApiKeyService.Display(k), k.Role, k.CreatedBy, k.CreatedAt, k.LastUsedAt, k.RevokedAt, k.RateLimitPerMinute);

    public static AuditDto ToDto(AuditEntity a) => new(a.Id, a.At, a.Actor, a.Action, a.Target, a.Detail);
}
