using McpSentinel.Core.Intel.Versioning;

namespace McpSentinel.Core.Intel;

/// <summary>One OSV-style range: affected when <c>Introduced &lt;= v</c> (an introduced of "0" or null means from the
/// first version) and <c>v &lt; Fixed</c> (or <c>v &lt;= LastAffected</c>); without either upper bound every later
/// version is affected.</summary>
public sealed record AffectedRange
{
    public string? Introduced { get; init; }
    public string? Fixed { get; init; }
    public string? LastAffected { get; init; }

    private string? Lower => Introduced is null or "0" ? null : Introduced;

    /// <summary>True when the version lies in the range; false when it does not, or when a bound or the version
    /// cannot be read in this scheme.</summary>
    public bool Contains(VersionScheme scheme, string version)
    {
        if (!scheme.IsValid(version)) return false;
        if (Lower is { } lo && (!scheme.IsValid(lo) || scheme.Compare(version, lo) < 0)) return false;
        if (Fixed is { } fx) return scheme.IsValid(fx) && scheme.Compare(version, fx) < 0;
        if (LastAffected is { } la) return scheme.IsValid(la) && scheme.Compare(version, la) <= 0;
        return true;
    }

    public VersionInterval? ToInterval(VersionScheme scheme)
    {
        if (Lower is { } lo && !scheme.IsValid(lo)) return null;
        if (Fixed is { } fx) return scheme.IsValid(fx) ? new VersionInterval(Lower, true, fx, false) : null;
        if (LastAffected is { } la) return scheme.IsValid(la) ? new VersionInterval(Lower, true, la, true) : null;
        return new VersionInterval(Lower, true, null, true);
    }
}
