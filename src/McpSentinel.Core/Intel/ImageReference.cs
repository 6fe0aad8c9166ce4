namespace McpSentinel.Core.Intel;

/// <summary>A container image reference (<c>[registry/]repository[:tag][@digest]</c>) split and normalised the way
/// Docker resolves it: no registry means <c>docker.io</c>, a single-segment Docker Hub name is under <c>library/</c>,
/// registry and repository are lower case. <see cref="Name"/> is <c>registry/repository</c>.</summary>
public sealed record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    public const string DockerHub = "docker.io";

    public string Name => Registry + "/" + Repository;

    /// <summary>The tag, else the digest: what advisories are matched against.</summary>
    public string? Version => Tag ?? Digest;

    /// <summary>Parses a reference; null when it is empty, holds a variable (<c>$X</c>, <c>${X}</c>) or is not an
    /// image reference (whitespace, an option).</summary>
    public static ImageReference? Parse(string text)
    {
        var t = text.Trim();
        if (t.Length == 0 || t.StartsWith('-') || t.Contains('$', StringComparison.Ordinal) || t.Any(char.IsWhiteSpace)) return null;
        string? digest = null;
        int at = t.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = t[(at + 1)..].ToLowerInvariant();
            t = t[..at];
            if (!digest.Contains(':', StringComparison.Ordinal)) return null;
        }
        string? tag = null;
        int slash = t.LastIndexOf('/');
        int colon = t.LastIndexOf(':');
        if (colon > slash)
        {
            tag = t[(colon + 1)..];
            t = t[..colon];
            if (tag.Length == 0) return null;
        }
        if (t.Length == 0) return null;
        var parts = t.Split('/');
        string registry = DockerHub;
        int first = 0;
        if (parts.Length > 1 && (parts[0].Contains('.', StringComparison.Ordinal) || parts[0].Contains(':', StringComparison.Ordinal) || parts[0] == "localhost"))
        {
            registry = parts[0].ToLowerInvariant();
            first = 1;
        }
        if (registry is "index.docker.io" or "registry-1.docker.io") registry = DockerHub;
        var repository = string.Join('/', parts[first..]).ToLowerInvariant();
        if (repository.Length == 0) return null;
        if (registry == DockerHub && !repository.Contains('/', StringComparison.Ordinal)) repository = "library/" + repository;
        return new ImageReference(registry, repository, tag, digest);
    }

    /// <summary>The normalised <c>registry/repository</c> of an image name (tag and digest dropped).</summary>
    public static string NormalizeName(string name) => Parse(name) is { } r ? r.Name : name.Trim().ToLowerInvariant();

    /// <summary>The package URL (purl spec, type <c>docker</c>): namespace and name without the registry, the registry
    /// as <c>repository_url</c> when it is not Docker Hub; the version is the tag or the digest.</summary>
    public string Purl(string? version)
    {
        // Docker Hub's official images are written without their implicit "library/" namespace (pkg:docker/node@20)
        var repository = Registry == DockerHub && Repository.StartsWith("library/", StringComparison.Ordinal) ? Repository["library/".Length..] : Repository;
        var segments = repository.Split('/').Select(Uri.EscapeDataString);
        var purl = "pkg:docker/" + string.Join('/', segments);
        if (version is not null) purl += "@" + Uri.EscapeDataString(version);
        if (Registry != DockerHub) purl += "?repository_url=" + Uri.EscapeDataString(Registry);
        return purl;
    }
}
