namespace McpSentinel.Core.Intel.Versioning;

/// <summary>A contiguous set of versions; a null bound is unbounded.</summary>
public sealed record VersionInterval(string? Lower, bool LowerInclusive, string? Upper, bool UpperInclusive)
{
    public static readonly VersionInterval All = new(null, true, null, true);

    /// <summary>True when some version lies in both this interval and <paramref name="other"/>
    /// (bounds are compared; whether a version is actually published there is not known offline).</summary>
    public bool Overlaps(VersionInterval other, VersionScheme scheme)
    {
        return Below(Lower, LowerInclusive, other.Upper, other.UpperInclusive, scheme)
            && Below(other.Lower, other.LowerInclusive, Upper, UpperInclusive, scheme);
    }

    private static bool Below(string? lower, bool lowerInclusive, string? upper, bool upperInclusive, VersionScheme scheme)
    {
        if (lower is null || upper is null) return true;
        int c = scheme.Compare(lower, upper);
        return c < 0 || (c == 0 && lowerInclusive && upperInclusive);
    }
}
