namespace McpSentinel.Core.Intel.Versioning;

/// <summary>Version ordering of one package ecosystem: npm and Go use Semantic Versioning 2.0 precedence (the
/// <c>Semver</c> library), PyPI uses PEP 440 (<see cref="Pep440Version"/>), NuGet its own four-part scheme
/// (<see cref="NuGetVersion"/>). Ranges are the ecosystem's declared-dependency syntax (npm ranges, PEP 440
/// specifiers, NuGet intervals) turned into an interval for the "does this declared range admit an affected
/// version" question.</summary>
public abstract class VersionScheme
{
    public abstract string Ecosystem { get; }

    /// <summary>True when <paramref name="text"/> is one concrete version of this scheme.</summary>
    public abstract bool IsValid(string text);

    /// <summary>Orders two valid versions (negative, zero, positive). Both must satisfy <see cref="IsValid"/>.</summary>
    public abstract int Compare(string a, string b);

    /// <summary>The declared range as a union of intervals, or null when it cannot be understood (a tag, a URL...).</summary>
    public abstract IReadOnlyList<VersionInterval>? ParseRange(string range);

    /// <summary>An exact pin in the declared syntax ("1.2.3", "==1.2.3", "[1.2.3]"), as the version it pins.</summary>
    public abstract string? ExactPin(string range);

    public static VersionScheme? For(string ecosystem) => ecosystem switch
    {
        Ecosystems.Npm => NpmScheme.Instance,
        Ecosystems.Go => GoScheme.Instance,
        Ecosystems.PyPI => Pep440Scheme.Instance,
        Ecosystems.NuGet => NuGetScheme.Instance,
        Ecosystems.Oci => OciScheme.Instance,
        _ => null,
    };
}
