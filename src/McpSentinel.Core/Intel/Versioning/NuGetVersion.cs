using System.Globalization;

namespace McpSentinel.Core.Intel.Versioning;

/// <summary>A NuGet version: one to four numeric parts, an optional dot-separated prerelease label (compared like
/// SemVer, case-insensitively) and ignored build metadata. <c>1.0 == 1.0.0 == 1.0.0.0</c>.</summary>
public sealed class NuGetVersion : IComparable<NuGetVersion>
{
    private NuGetVersion(long[] parts, string[] prerelease)
    {
        Parts = parts;
        Prerelease = prerelease;
    }

    public IReadOnlyList<long> Parts { get; }
    public IReadOnlyList<string> Prerelease { get; }

    public static bool TryParse(string text, out NuGetVersion version)
    {
        version = null!;
        var t = text.Trim();
        int plus = t.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0) t = t[..plus];
        string[] pre = [];
        int dash = t.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            pre = t[(dash + 1)..].Split('.');
            if (pre.Any(p => p.Length == 0 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))) return false;
            t = t[..dash];
        }
        var pieces = t.Split('.');
        if (pieces.Length is < 1 or > 4) return false;
        var parts = new long[4];
        for (int i = 0; i < pieces.Length; i++)
        {
            if (!long.TryParse(pieces[i], NumberStyles.None, CultureInfo.InvariantCulture, out parts[i])) return false;
        }
        version = new NuGetVersion(parts, pre);
        return true;
    }

    public int CompareTo(NuGetVersion? other)
    {
        if (other is null) return 1;
        for (int i = 0; i < 4; i++)
        {
            if (Parts[i] != other.Parts[i]) return Parts[i].CompareTo(other.Parts[i]);
        }
        if (Prerelease.Count == 0 || other.Prerelease.Count == 0) return other.Prerelease.Count.CompareTo(0) - Prerelease.Count.CompareTo(0);
        for (int i = 0; i < Math.Min(Prerelease.Count, other.Prerelease.Count); i++)
        {
            bool an = long.TryParse(Prerelease[i], NumberStyles.None, CultureInfo.InvariantCulture, out var a);
            bool bn = long.TryParse(other.Prerelease[i], NumberStyles.None, CultureInfo.InvariantCulture, out var b);
            int c = (an, bn) switch
            {
                (true, true) => a.CompareTo(b),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.Compare(Prerelease[i], other.Prerelease[i], StringComparison.OrdinalIgnoreCase),
            };
            if (c != 0) return c;
        }
        return Prerelease.Count.CompareTo(other.Prerelease.Count);
    }
}
