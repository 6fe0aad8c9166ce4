using McpSentinel.Core.Discovery;
using McpSentinel.Core.Model;

namespace McpSentinel.Core.Suppression;

/// <summary>One entry of a suppression file: silences findings of <see cref="Rule"/> (an id, or any when null)
/// under <see cref="Path"/> (a glob, or anywhere when null), or one exact <see cref="Fingerprint"/>. A reason is required.</summary>
public sealed record SuppressionEntry(string? Rule, string? Path, string? Fingerprint, string Reason, DateOnly? Expires)
{
    private GlobFilter? _paths;

    public bool Matches(Finding finding, DateOnly today)
    {
        if (Expires is { } expires && today > expires) return false;
        if (Fingerprint is not null) return string.Equals(Fingerprint, finding.Fingerprint, StringComparison.OrdinalIgnoreCase);
        if (Rule is not null && !string.Equals(Rule, finding.RuleId, StringComparison.OrdinalIgnoreCase)) return false;
        if (Path is not null)
        {
            var target = finding.Location.Path ?? finding.Location.LogicalPath;
            if (target is null) return false;
            _paths ??= new GlobFilter([Path], []);
            if (!_paths.IsIncluded(target)) return false;
        }
        return true;
    }
}
