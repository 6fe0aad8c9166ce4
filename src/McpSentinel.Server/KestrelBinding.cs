using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace McpSentinel.Server;

/// <summary>Binds Kestrel endpoints from URLs with a protocol each. Used when gRPC is on: Kestrel then ignores the
/// hosting URLs, and without TLS HTTP/1.1 (REST, GraphQL, WebSocket) and HTTP/2 (gRPC) need separate ports.</summary>
public static class KestrelBinding
{
    public static void Bind(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var uri = new Uri(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal));
        bool https = uri.Scheme == Uri.UriSchemeHttps;
        void Configure(ListenOptions l)
        {
            l.Protocols = protocols;
            if (https) l.UseHttps();
        }
        if (uri.Host == "localhost") kestrel.ListenLocalhost(uri.Port, Configure);
        else if (uri.Host == "0.0.0.0") kestrel.ListenAnyIP(uri.Port, Configure);
        else kestrel.Listen(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port, Configure);
    }
}
