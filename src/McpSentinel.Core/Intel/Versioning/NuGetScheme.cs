namespace McpSentinel.Core.Intel.Versioning;

/// <summary>NuGet: <see cref="NuGetVersion"/> ordering and version ranges: a bare version is a minimum
/// (<c>1.2.3</c> means <c>&gt;= 1.2.3</c>), <c>[1.2.3]</c> is exact, and interval notation <c>[1.0,2.0)</c>,
/// <c>(,1.0]</c> bounds both ends.</summary>
public sealed class NuGetScheme : VersionScheme
{
    public static readonly NuGetScheme Instance = new();

    public override string Ecosystem => Ecosystems.NuGet;

    public override bool IsValid(string text) => NuGetVersion.TryParse(text, out _);

    public override int Compare(string a, string b)
    {
        NuGetVersion.TryParse(a, out var x);
        NuGetVersion.TryParse(b, out var y);
        return x.CompareTo(y);
    }

    public override string? ExactPin(string range)
    {
        var r = range.Trim();
        if (r.Length > 2 && r[0] == '[' && r[^1] == ']' && !r.Contains(',', StringComparison.Ordinal) && IsValid(r[1..^1])) return r[1..^1].Trim();
        return null;
    }

    public override IReadOnlyList<VersionInterval>? ParseRange(string range)
    {
        var r = range.Trim();
        if (r.Length == 0 || r.Contains('$', StringComparison.Ordinal)) return null; // an MSBuild property: not known
        if (IsValid(r)) return [new VersionInterval(r, true, null, true)];
        if (r.Length < 3 || r[0] is not ('[' or '(') || r[^1] is not (']' or ')')) return null;
        var inner = r[1..^1];
        if (!inner.Contains(',', StringComparison.Ordinal))
        {
            return IsValid(inner) && r[0] == '[' && r[^1] == ']' ? [new VersionInterval(inner.Trim(), true, inner.Trim(), true)] : null;
        }
        var ends = inner.Split(',', StringSplitOptions.TrimEntries);
        if (ends.Length != 2) return null;
        string? lower = ends[0].Length == 0 ? null : ends[0];
        string? upper = ends[1].Length == 0 ? null : ends[1];
        if ((lower is not null && !IsValid(lower)) || (upper is not null && !IsValid(upper))) return null;
        return [new VersionInterval(lower, r[0] == '[', upper, r[^1] == ']')];
    }
}
