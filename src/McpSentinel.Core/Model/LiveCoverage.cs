namespace McpSentinel.Core.Model;

/// <summary>What a live scan reached: servers found, started (answered the listing), those that failed and those that were
/// skipped (not confirmed, disabled, nothing to launch), and why; <see cref="Servers"/> lists every server in order.</summary>
public sealed record LiveCoverage(int Found, int Started, IReadOnlyList<LiveFailure> Failed)
{
    public IReadOnlyList<LiveFailure> Skipped { get; init; } = [];

    /// <summary>One row per server (the coverage table), in the order they were considered.</summary>
    public IReadOnlyList<LiveServerStatus> Servers { get; init; } = [];

    public string Describe() => $"live servers: {Found} found, {Started} started, {Failed.Count} failed" +
        (Skipped.Count > 0 ? $", {Skipped.Count} skipped" : "") +
        (Failed.Count > 0 ? " (" + string.Join("; ", Failed.Select(f => $"{f.Server}: {f.Reason}")) + ")" : "");
}

public sealed record LiveFailure(string Server, string Reason);
