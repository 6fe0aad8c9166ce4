using System.Text.RegularExpressions;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Reporting.Tests;

/// <summary>Compares a rendered report with tests/Fixtures/golden/NAME after normalising volatile fields (tool version,
/// start time, duration). Set MCP_SENTINEL_UPDATE_GOLDEN=1 to rewrite the golden files instead.</summary>
internal static partial class GoldenFiles
{
    public const string UpdateVariable = "MCP_SENTINEL_UPDATE_GOLDEN";

    public static string Normalise(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        text = Timestamp().Replace(text, "<TIMESTAMP>");
        text = Duration().Replace(text, "$1<DURATION>");
        text = Version().Replace(text, "mcp-sentinel <VERSION>");
        text = JsonVersion().Replace(text, "\"version\": \"<VERSION>\"");
        return text;
    }

    public static void AssertMatches(string name, string actual)
    {
        var path = RepoPaths.Of(Path.Combine("tests", "Fixtures", "golden", name));
        var normalised = Normalise(actual);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, normalised);
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing: run the tests with {UpdateVariable}=1 to create it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == normalised) return;
        var expectedLines = expected.Split('\n');
        var actualLines = normalised.Split('\n');
        int line = 0;
        while (line < Math.Min(expectedLines.Length, actualLines.Length) && expectedLines[line] == actualLines[line]) line++;
        Assert.Fail($"{name} differs from its golden file at line {line + 1}:\n  expected: {(line < expectedLines.Length ? expectedLines[line] : "<end>")}\n  actual:   {(line < actualLines.Length ? actualLines[line] : "<end>")}\n(set {UpdateVariable}=1 to accept the new output)");
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"(""durationMs"": |time="")[0-9.]+")]
    private static partial Regex Duration();

    [GeneratedRegex(@"mcp-sentinel \d+\.\d+\.\d+\S*")]
    private static partial Regex Version();

    [GeneratedRegex(@"""version"": ""[^""]*""")]
    private static partial Regex JsonVersion();
}
