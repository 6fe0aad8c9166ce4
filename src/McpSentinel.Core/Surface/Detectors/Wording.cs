using System.Text.RegularExpressions;

namespace McpSentinel.Core.Surface.Detectors;

/// <summary>Small vocabularies shared by the surface detectors: imperative/concealment wording aimed at the model,
/// requests for sensitive data, and name tokenisation.</summary>
public static class Wording
{
    private static readonly Regex Imperative = new(
        @"(?i)\b(?:ignore|disregard|forget|override|you\s+must|must\s+(?:always|never|first|also)|always\s+(?:call|use|include|send|pass|read)|never\s+(?:tell|mention|reveal|show)|do\s+not\s+(?:tell|mention|reveal|inform|show)|don'?t\s+(?:tell|mention|reveal)|without\s+(?:telling|informing|asking)|instead\s+(?:call|use|send)|before\s+(?:using|calling)\s+(?:any|this|the)|important\s*:|system\s+prompt|read\s+(?:the\s+)?(?:file|contents)|send\s+(?:it|them|the|all)|(?:~|\$HOME)/\.|\.ssh|id_rsa|api[_ ]?keys?|passwords?|credentials?|secret)\b",
        RegexOptions.NonBacktracking);

    private static readonly Regex SensitiveAsk = new(
        @"(?i)(?:contents?\s+of|read\s+(?:the\s+)?(?:file|contents)|cat\s+|(?:~|\$HOME)/|/etc/|\.ssh|id_rsa|\.env\b|mcp\.json|claude_desktop_config|\.aws|credentials?|api[_ ]?keys?|passwords?|tokens?\b|secrets?\b|system\s+prompt|(?:previous|earlier|all)\s+(?:messages|conversation)|conversation\s+(?:history|so\s+far)|chat\s+history|everything\s+the\s+user)",
        RegexOptions.NonBacktracking);

    public static bool IsImperative(string text) => Imperative.IsMatch(text);

    public static bool AsksForSensitiveData(string text) => SensitiveAsk.IsMatch(text);

    /// <summary>Splits a tool name into lower-case words: <c>deleteFile</c>, <c>delete_file</c>, <c>delete-file</c> → delete, file.</summary>
    public static IReadOnlyList<string> Tokens(string name)
    {
        var spaced = Regex.Replace(name, "(?<=[a-z0-9])(?=[A-Z])", " ");
        return spaced.Split([' ', '_', '-', '.', '/', ':'], StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant()).ToArray();
    }
}
