using System.Text.RegularExpressions;

namespace McpSentinel.Core.Intel;

/// <summary>Package ecosystems the deps engine understands, spelled as OSV spells them, and each one's package-name
/// normalisation (npm names are lower-case; PyPI names per PEP 503; NuGet ids are case-insensitive; Go paths exact).</summary>
public static partial class Ecosystems
{
    public const string Npm = "npm";
    public const string PyPI = "PyPI";
    public const string Go = "Go";
    public const string NuGet = "NuGet";
    /// <summary>Container images (OCI / Docker). Not an OSV ecosystem name: advisories for images are imported from
    /// OSV-format files that use <c>OCI</c> (or <c>Docker</c>) with the image reference as the package name.</summary>
    public const string Oci = "OCI";

    public static readonly IReadOnlyList<string> All = [Npm, PyPI, Go, NuGet, Oci];

    /// <summary>The canonical spelling of an OSV ecosystem name, or null when it is not one we read.</summary>
    public static string? Canonical(string? ecosystem) => ecosystem?.Trim().ToLowerInvariant() switch
    {
        "npm" => Npm,
        "pypi" => PyPI,
        "go" => Go,
        "nuget" => NuGet,
        "oci" or "docker" or "container" => Oci,
        _ => null,
    };

    [GeneratedRegex(@"[-_.]+", RegexOptions.CultureInvariant)]
    private static partial Regex PypiSeparators();

    public static string NormalizeName(string ecosystem, string name) => ecosystem switch
    {
        PyPI => PypiSeparators().Replace(name.Trim().ToLowerInvariant(), "-"),
        Npm or NuGet => name.Trim().ToLowerInvariant(),
        Oci => ImageReference.NormalizeName(name),
        _ => name.Trim(),
    };

    /// <summary>The package URL type (purl spec): npm, pypi, golang, nuget.</summary>
    public static string PurlType(string ecosystem) => ecosystem switch
    {
        Npm => "npm",
        PyPI => "pypi",
        Go => "golang",
        NuGet => "nuget",
        Oci => "docker",
        _ => "generic",
    };
}
