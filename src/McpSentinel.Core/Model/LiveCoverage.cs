namespace McpSentinel.Core.Model;

/// <summary>What a live scan reached: servers found, started (answered the listing), and those that failed and why.</summary>
public sealed record LiveCoverage(int Found, int Started, IReadOnlyList<LiveFailure> Failed)
{
    public string Describe() => $"live servers: {Found} found, {Started} started, {Failed.Count} failed" +
        (Failed.Count > 0 ? " (" + string.Join("; ", Failed.Select(f => $"{f.Server}: {f.Reason}")) + ")" : "");
}

public sealed record LiveFailure(string Server, string Reason);
