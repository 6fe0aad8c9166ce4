using Semver;

namespace McpSentinel.Core.Intel.Versioning;

/// <summary>npm: SemVer 2.0 precedence and node-semver ranges (<c>^ ~ x * || - &lt; &gt;=</c>), both through the
/// Semver library (<c>SemVersionRange.ParseNpm</c>). Prerelease versions are ordered before their release
/// (<c>2.1.5-beta.1 &lt; 2.1.5</c>), as SemVer precedence says.</summary>
public sealed class NpmScheme : VersionScheme
{
    public static readonly NpmScheme Instance = new();

    public override string Ecosystem => Ecosystems.Npm;

    public override bool IsValid(string text) => Parse(text) is not null;

    public override int Compare(string a, string b) => SemVersion.ComparePrecedence(Parse(a)!, Parse(b)!);

    internal static SemVersion? Parse(string text)
    {
        var t = text.Trim();
        if (t.StartsWith('=')) t = t[1..].Trim();
        return SemVersion.TryParse(t, SemVersionStyles.AllowV, out var v) ? v : null;
    }

    public override string? ExactPin(string range)
    {
        var v = Parse(range);
        return v?.ToString();
    }

    public override IReadOnlyList<VersionInterval>? ParseRange(string range)
    {
        var r = range.Trim();
        if (r.Length == 0 || r == "latest") return r.Length == 0 ? [VersionInterval.All] : null;
        if (!SemVersionRange.TryParseNpm(r, includeAllPrerelease: false, out var parsed)) return null;
        return parsed.Select(ToInterval).ToArray();
    }

    internal static VersionInterval ToInterval(UnbrokenSemVersionRange u)
    {
        string? lower = u.Start?.ToString();
        string? upper = u.End?.ToString();
        return new VersionInterval(lower, u.StartInclusive, upper, u.EndInclusive);
    }
}
