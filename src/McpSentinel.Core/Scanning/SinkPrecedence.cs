using McpSentinel.Core.Model;

namespace McpSentinel.Core.Scanning;

/// <summary>
/// Precedence between engines on the same sink: where an engine returned a <see cref="JudgedSink"/> for a line, static
/// (regex) findings of the same category whose matched region (start line to end line) contains that line are dropped. The judging engine either reports the sink itself
/// (with a trace) or has proved it safe, so the line is reported once, or not at all — never twice, and never by a regex
/// that cannot see the data flow. Sinks the judging engine could not decide (unknown origin) are not judged, and static
/// findings on them stand.
/// </summary>
public static class SinkPrecedence
{
    public static IEnumerable<Finding> Apply(IEnumerable<Finding> findings, IReadOnlySet<JudgedSink> judged)
    {
        if (judged.Count == 0) return findings;
        var lines = judged.GroupBy(j => (j.Path, j.Category)).ToDictionary(g => g.Key, g => g.Select(j => j.Line).Order().ToArray());
        return findings.Where(f => !(f.Engine == StaticEngine.EngineName && f.Location.Path is { } path
            && lines.TryGetValue((path, f.Category), out var judgedLines)
            && judgedLines.Any(l => l >= f.Location.StartLine && l <= Math.Max(f.Location.StartLine, f.Location.EndLine))));
    }
}
