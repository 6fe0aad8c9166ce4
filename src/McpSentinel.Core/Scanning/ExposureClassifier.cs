using McpSentinel.Core.Model;

namespace McpSentinel.Core.Scanning;

/// <summary>Classifies how far a server can be reached from how a client reaches it (risk factor, docs/risk-score.md):
/// stdio or a loopback URL is local; an http(s) URL on another host is remote, and remote without credentials when no
/// authorization-like header, URL user info or token-like query parameter is configured.</summary>
public static class ExposureClassifier
{
    private static readonly string[] AuthWords = ["authorization", "auth", "token", "api-key", "apikey", "api_key", "x-api-key", "cookie", "secret", "key", "bearer"];

    /// <summary>The exposure of a server reached at <paramref name="url"/> (null: a stdio server) with these header names.</summary>
    public static RiskSignals Classify(string? url, IEnumerable<string> headerNames)
    {
        if (string.IsNullOrWhiteSpace(url))
            return new RiskSignals { Exposure = Exposure.Local, ExposureReason = "started over stdio by the client" };
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return new RiskSignals { Exposure = Exposure.Unknown, ExposureReason = "the server URL could not be read" };
        if (IsLocalHost(uri))
            return new RiskSignals { Exposure = Exposure.Local, ExposureReason = $"served on a loopback address ({uri.Host})" };
        bool credentials = uri.UserInfo.Length > 0
            || headerNames.Any(h => AuthWords.Any(w => h.Contains(w, StringComparison.OrdinalIgnoreCase)))
            || uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)[0]).Any(k => k.Length > 0 && AuthWords.Any(w => k.Contains(w, StringComparison.OrdinalIgnoreCase)));
        return credentials
            ? new RiskSignals { Exposure = Exposure.Remote, ExposureReason = $"remote server at {uri.Host} (credentials configured)" }
            : new RiskSignals { Exposure = Exposure.RemoteUnauthenticated, ExposureReason = $"remote server at {uri.Host} with no credentials configured" };
    }

    public static bool IsLocalHost(Uri uri) =>
        uri.IsLoopback
        || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || uri.Host is "0.0.0.0" or "[::]";

    /// <summary>The finding with the server's exposure added, unless the engine already said.</summary>
    public static Finding WithExposure(Finding finding, RiskSignals exposure) =>
        finding.Signals?.Exposure is not null ? finding
        : finding with { Signals = (finding.Signals ?? new RiskSignals()) with { Exposure = exposure.Exposure, ExposureReason = exposure.ExposureReason } };
}
