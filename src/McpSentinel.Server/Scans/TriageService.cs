using McpSentinel.Storage.Entities;
using McpSentinel.Storage.Stores;

namespace McpSentinel.Server.Scans;

/// <summary>Records a triage verdict on a finding's fingerprint for its project (so later scans inherit it), and audits it.</summary>
public sealed class TriageService(ScanStore scans, TriageStore triage, AuditStore audit)
{
    public const int MaxCommentLength = 4000;

    /// <summary>Null when the scan has no such finding.</summary>
    /// <exception cref="SubmissionException">an unknown state or an over-long comment</exception>
    public async Task<TriageEntity?> SetAsync(Guid scanId, long findingId, string? state, string? comment, string actor, CancellationToken cancellationToken)
    {
        if (state is null || !TriageStates.All.Contains(state)) throw new SubmissionException($"state must be one of {string.Join(", ", TriageStates.All)}");
        if (comment is { Length: > MaxCommentLength }) throw new SubmissionException($"comment must be at most {MaxCommentLength} characters");
        var finding = await scans.GetFindingAsync(scanId, findingId, cancellationToken).ConfigureAwait(false);
        if (finding is null) return null;
        var row = await triage.SetAsync(finding.ProjectId, finding.Fingerprint, state, comment, actor, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(actor, "finding.triage", finding.Fingerprint, $"{state} (scan {scanId}, finding {findingId})", cancellationToken).ConfigureAwait(false);
        return row;
    }
}
