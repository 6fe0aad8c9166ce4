using System.Text.Json;
using McpSentinel.Tests;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace McpSentinel.Cli.Tests;

/// <summary>The bundled examples are the README's first command: every planted flaw must be found at its line with
/// its category and CWE, and the safe twin must stay quiet above low.</summary>
public sealed class ExamplesTests
{
    private static readonly string Vulnerable = RepoPaths.Of("examples/vulnerable-mcp-server");
    private static readonly string Safe = RepoPaths.Of("examples/safe-mcp-server");

    private sealed record Flaw(string File, string Contains, string Category, string Cwe);

    private static List<Flaw> ExpectedFlaws()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Vulnerable, "expected.yaml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlSequenceNode)root.Children[new YamlScalarNode("flaws")]).Children.Cast<YamlMappingNode>()
            .Select(m => new Flaw(
                m.Children[new YamlScalarNode("file")].ToString(),
                m.Children[new YamlScalarNode("contains")].ToString(),
                m.Children[new YamlScalarNode("category")].ToString(),
                m.Children[new YamlScalarNode("cwe")].ToString()))
            .ToList();
    }

    private static JsonElement ScanJson(string target)
    {
        var run = CliRunner.Invoke(RepoPaths.Root, "scan", target, "--format", "json", "--no-config");
        Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Error}");
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    [Fact]
    public void VulnerableExample_EveryPlantedFlaw_IsFound_WithLineCategoryAndCwe()
    {
        var flaws = ExpectedFlaws();
        Assert.True(flaws.Count >= 30, $"only {flaws.Count} planted flaws");
        var findings = ScanJson(Vulnerable).GetProperty("findings").EnumerateArray().ToList();
        var missing = new List<string>();
        foreach (var flaw in flaws)
        {
            var lines = File.ReadAllLines(Path.Combine(Vulnerable, flaw.File));
            var index = Array.FindIndex(lines, l => l.Contains(flaw.Contains, StringComparison.Ordinal));
            Assert.True(index >= 0, $"{flaw.File}: '{flaw.Contains}' not found in the example");
            int line = index + 1;
            bool found = findings.Any(f =>
                f.GetProperty("location").GetProperty("path").GetString() == flaw.File
                && f.GetProperty("location").GetProperty("startLine").GetInt32() == line
                && f.GetProperty("category").GetString() == flaw.Category
                && f.GetProperty("cwe").EnumerateArray().Any(c => c.GetString() == flaw.Cwe));
            if (!found) missing.Add($"{flaw.File}:{line} {flaw.Category} {flaw.Cwe} ({flaw.Contains})");
        }
        Assert.True(missing.Count == 0, $"{missing.Count} planted flaw(s) not reported:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void SafeExample_HasNothingAboveLow()
    {
        var findings = ScanJson(Safe).GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("severity").GetString() is not ("low" or "info"))
            .Select(f => $"{f.GetProperty("location").GetProperty("path").GetString()}:{f.GetProperty("location").GetProperty("startLine").GetInt32()} {f.GetProperty("ruleId").GetString()} {f.GetProperty("evidence").GetString()}")
            .ToList();
        Assert.True(findings.Count == 0, "the safe example has findings above low:\n" + string.Join("\n", findings));
    }

    [Fact]
    public void ReadmeScanCommand_ExitsWithFindings()
    {
        var run = CliRunner.Invoke(RepoPaths.Root, "scan", "examples/vulnerable-mcp-server");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("CRITICAL", run.Out, StringComparison.Ordinal);
    }
}
