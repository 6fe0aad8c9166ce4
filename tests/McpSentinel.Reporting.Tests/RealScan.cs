using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Scanning;
using McpSentinel.Tests;

namespace McpSentinel.Reporting.Tests;

/// <summary>A real scan of examples/vulnerable-mcp-server with the built-in rules, done once per test run.</summary>
internal static class RealScan
{
    private static readonly Lazy<ScanResult> Vulnerable = new(() =>
    {
        var (rules, errors) = RuleCatalog.Build([], [], new Dictionary<string, Severity>());
        if (rules is null) throw new InvalidOperationException("built-in rules failed to load: " + string.Join("; ", errors));
        return new Scanner().Scan(new ScanOptions { Targets = [RepoPaths.Of("examples/vulnerable-mcp-server")], Rules = rules, Jobs = 2 });
    });

    public static ScanResult VulnerableExample => Vulnerable.Value;

    /// <summary>The real scan with the hostile finding added.</summary>
    public static ScanResult VulnerableWithHostile => VulnerableExample with { Findings = [.. VulnerableExample.Findings, HostileSamples.Adversarial()] };
}
