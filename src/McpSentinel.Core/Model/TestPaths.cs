namespace McpSentinel.Core.Model;

/// <summary>Recognises test, example, fixture and demo code by its path (relative, '/' separators), for the risk
/// score's reachability factor.</summary>
public static class TestPaths
{
    private static readonly HashSet<string> Folders = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "__tests__", "spec", "specs", "testdata", "test-data", "test_data", "fixture", "fixtures",
        "example", "examples", "sample", "samples", "demo", "demos", "e2e", "mocks", "__mocks__", "testing",
    };

    public static bool IsTestOrExample(string path)
    {
        var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return false;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (Folders.Contains(parts[i])) return true;
        }
        var name = parts[^1];
        var lower = name.ToLowerInvariant();
        int dot = lower.IndexOf('.');
        var stem = dot < 0 ? lower : lower[..dot];
        return lower.StartsWith("test_", StringComparison.Ordinal)
            || stem.EndsWith("_test", StringComparison.Ordinal)
            || lower == "conftest.py"
            || lower.Contains(".test.", StringComparison.Ordinal)
            || lower.Contains(".spec.", StringComparison.Ordinal)
            || name.EndsWith("Tests.cs", StringComparison.Ordinal)
            || name.EndsWith("Test.cs", StringComparison.Ordinal);
    }
}
