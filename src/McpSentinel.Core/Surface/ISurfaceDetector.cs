using McpSentinel.Core.Model;

namespace McpSentinel.Core.Surface;

/// <summary>A pure detector over the surfaces of every server in one scan (registered in <see cref="SurfaceEngine"/>).</summary>
public interface ISurfaceDetector
{
    string Id { get; }

    IEnumerable<Finding> Detect(SurfaceContext context);
}

/// <summary>The servers of one scan and every string of their surfaces.</summary>
public sealed class SurfaceContext
{
    public SurfaceContext(IReadOnlyList<ServerSurface> servers)
    {
        Servers = servers;
        Strings = servers.SelectMany(SurfaceStrings.Of).ToArray();
    }

    public IReadOnlyList<ServerSurface> Servers { get; }
    public IReadOnlyList<SurfaceString> Strings { get; }
}
