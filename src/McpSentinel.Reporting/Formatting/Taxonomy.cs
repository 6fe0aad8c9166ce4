using System.Text.RegularExpressions;

namespace McpSentinel.Reporting.Formatting;

/// <summary>Public reference pages for CWE, OWASP and MITRE ATT&amp;CK identifiers.</summary>
public static partial class Taxonomy
{
    public static string? CweUrl(string id)
    {
        var m = CweId().Match(id);
        return m.Success ? $"https://cwe.mitre.org/data/definitions/{m.Groups[1].Value}.html" : null;
    }

    public static string? OwaspUrl(string id)
    {
        if (id.StartsWith("LLM", StringComparison.OrdinalIgnoreCase)) return "https://genai.owasp.org/llm-top-10/";
        if (id.StartsWith("MCP", StringComparison.OrdinalIgnoreCase)) return "https://owasp.org/www-project-mcp-top-10/";
        if (id.StartsWith("ASI", StringComparison.OrdinalIgnoreCase)) return "https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/";
        if (id.StartsWith("A", StringComparison.Ordinal) && id.Length >= 3 && char.IsDigit(id[1])) return "https://owasp.org/Top10/";
        return null;
    }

    public static string? AttackUrl(string id)
    {
        var m = AttackId().Match(id);
        if (!m.Success) return null;
        return m.Groups[2].Success
            ? $"https://attack.mitre.org/techniques/{m.Groups[1].Value}/{m.Groups[2].Value}/"
            : $"https://attack.mitre.org/techniques/{m.Groups[1].Value}/";
    }

    public static string? AtlasUrl(string id)
    {
        var m = AtlasId().Match(id);
        return m.Success ? $"https://atlas.mitre.org/techniques/{m.Value}" : null;
    }

    /// <summary>A reference page for an id of any framework of the mapping table, or null.</summary>
    public static string? UrlOf(string id) => CweUrl(id) ?? AtlasUrl(id) ?? AttackUrl(id) ?? OwaspUrl(id);

    [GeneratedRegex(@"^AML\.T\d{4}(?:\.\d{3})?$")]
    private static partial Regex AtlasId();

    [GeneratedRegex(@"^CWE-(\d{1,5})$", RegexOptions.IgnoreCase)]
    private static partial Regex CweId();

    [GeneratedRegex(@"^(T\d{4})(?:\.(\d{3}))?$")]
    private static partial Regex AttackId();
}
