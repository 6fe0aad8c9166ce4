using Semver;

namespace McpSentinel.Core.Intel.Versioning;

/// <summary>Go modules: <c>vMAJOR.MINOR.PATCH</c> with SemVer precedence; pseudo-versions are prereleases and
/// <c>+incompatible</c> is ignored for ordering. go.mod has no ranges: every requirement is an exact minimum.</summary>
public sealed class GoScheme : VersionScheme
{
    public static readonly GoScheme Instance = new();

    public override string Ecosystem => Ecosystems.Go;

    public override bool IsValid(string text) => Parse(text) is not null;

    public override int Compare(string a, string b) => SemVersion.ComparePrecedence(Parse(a)!, Parse(b)!);

    private static SemVersion? Parse(string text)
    {
        var t = text.Trim();
        if (t.EndsWith("+incompatible", StringComparison.Ordinal)) t = t[..^"+incompatible".Length];
        if (t.StartsWith('v')) t = t[1..];
        return SemVersion.TryParse(t, SemVersionStyles.Strict, out var v) ? v : null;
    }

    public override string? ExactPin(string range) => IsValid(range) ? range.Trim() : null;

    public override IReadOnlyList<VersionInterval>? ParseRange(string range) =>
        ExactPin(range) is { } v ? [new VersionInterval(v, true, v, true)] : null;
}
