using Semver;

namespace McpSentinel.Core.Intel.Versioning;

/// <summary>Container image tags and digests. A tag that reads as a version (<c>1.2.3</c>, <c>v0.5</c>,
/// <c>2.0.0-rc.1</c>; missing minor/patch parts count as 0; a suffix only when it is a pre-release label: alpha, beta,
/// rc, pre, preview, dev) is ordered by SemVer precedence, so advisory ranges apply; any other tag (<c>latest</c>,
/// <c>main</c>, variants such as <c>20-alpine</c> or <c>1.2-slim</c>) and any digest (<c>sha256:…</c>) can only match
/// an advisory's explicit <c>versions</c> list, exactly. There is no range syntax for images: a floating tag is not evaluated.</summary>
public sealed class OciScheme : VersionScheme
{
    public static readonly OciScheme Instance = new();

    public override string Ecosystem => Ecosystems.Oci;

    public override bool IsValid(string text) => Parse(text) is not null;

    public override int Compare(string a, string b) => SemVersion.ComparePrecedence(Parse(a)!, Parse(b)!);

    private static readonly string[] PreRelease = ["alpha", "beta", "rc", "pre", "preview", "dev"];

    public static bool IsDigest(string text) => text.Contains(':', StringComparison.Ordinal);

    private static SemVersion? Parse(string text)
    {
        var t = text.Trim();
        if (t.StartsWith('v') || t.StartsWith('V')) t = t[1..];
        if (t.Length == 0 || !char.IsAsciiDigit(t[0])) return null;
        int dash = t.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0 && !PreRelease.Any(p => t.AsSpan(dash + 1).StartsWith(p, StringComparison.OrdinalIgnoreCase))) return null; // a variant, not a pre-release
        return SemVersion.TryParse(t, SemVersionStyles.Strict | SemVersionStyles.OptionalMinorPatch, out var v) ? v : null;
    }

    public override string? ExactPin(string range) => IsValid(range) ? range.Trim() : null;

    public override IReadOnlyList<VersionInterval>? ParseRange(string range) =>
        ExactPin(range) is { } v ? [new VersionInterval(v, true, v, true)] : null;
}
