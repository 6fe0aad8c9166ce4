using McpSentinel.Core.Model;
using McpSentinel.Storage.Entities;

namespace McpSentinel.Server.Scans;

/// <summary>Core findings to rows. The evidence is the scanner's snippet, in which secrets are already masked.</summary>
public static class FindingMapper
{
    public static FindingEntity ToEntity(Finding finding, Guid scanId, Guid projectId)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new FindingEntity
        {
            ScanId = scanId,
            ProjectId = projectId,
            Fingerprint = finding.Fingerprint,
            RuleId = finding.RuleId,
            Title = finding.Title,
            Category = finding.Category,
            Severity = (int)finding.Severity,
            Confidence = finding.Confidence.ToString().ToLowerInvariant(),
            Engine = finding.Engine,
            Message = finding.Message,
            Path = finding.Location.Path,
            StartLine = finding.Location.StartLine,
            EndLine = finding.Location.EndLine,
            LogicalPath = finding.Location.LogicalPath,
            Evidence = finding.Evidence,
        };
    }
}
