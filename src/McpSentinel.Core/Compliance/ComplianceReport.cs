namespace McpSentinel.Core.Compliance;

/// <summary>One framework's result for a scan: each control the scan touched (one of its categories can be reported
/// by an engine that ran), the fingerprints of the reported findings that map to it, and pass/fail. "pass" means
/// the scan found nothing against the control, not that the system is compliant.</summary>
public sealed record ComplianceReport(string Id, string Name, string Status, IReadOnlyList<ControlResult> Controls);

public sealed record ControlResult(string Id, string Title, string Status, IReadOnlyList<string> Categories, IReadOnlyList<string> Findings);
