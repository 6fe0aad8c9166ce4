namespace McpSentinel.Core.Model;

/// <summary>The contract words of the risk factors (JSON <c>risk.factors</c>, reports) and their parsing.</summary>
public static class RiskWords
{
    public static string Of(Reachability value) => value switch
    {
        Reachability.Reachable => "reachable",
        Reachability.Unknown => "unknown",
        _ => "test-code",
    };

    public static string Of(Exposure value) => value switch
    {
        Exposure.RemoteUnauthenticated => "remote-unauthenticated",
        Exposure.Remote => "remote",
        Exposure.Unknown => "unknown",
        _ => "local",
    };

    public static string Of(Exploitation value) => value switch
    {
        Exploitation.Malicious => "malicious",
        Exploitation.KnownExploited => "known-exploited",
        _ => "none",
    };

    public static Reachability? ParseReachability(string? word) => word switch
    {
        "reachable" => Reachability.Reachable,
        "unknown" => Reachability.Unknown,
        "test-code" => Reachability.TestCode,
        _ => null,
    };

    public static Exposure? ParseExposure(string? word) => word switch
    {
        "remote-unauthenticated" => Exposure.RemoteUnauthenticated,
        "remote" => Exposure.Remote,
        "unknown" => Exposure.Unknown,
        "local" => Exposure.Local,
        _ => null,
    };

    public static Exploitation? ParseExploitation(string? word) => word switch
    {
        "malicious" => Exploitation.Malicious,
        "known-exploited" => Exploitation.KnownExploited,
        "none" => Exploitation.None,
        _ => null,
    };

    /// <summary>One line for reports: <c>risk 72 · reachable · exposure unknown · exploited</c>.</summary>
    public static string Describe(FindingRisk risk) =>
        $"risk {risk.Score} · {Of(risk.Reachability)} · exposure {Of(risk.Exposure)}" + (risk.Exploitation == Exploitation.None ? "" : " · " + Of(risk.Exploitation));
}
