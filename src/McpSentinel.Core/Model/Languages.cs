namespace McpSentinel.Core.Model;

public static class Languages
{
    public static readonly IReadOnlyList<Language> All = Enum.GetValues<Language>();

    public static string ToWord(this Language language) => language switch
    {
        Language.Python => "python",
        Language.JavaScript => "javascript",
        Language.TypeScript => "typescript",
        Language.Go => "go",
        Language.CSharp => "csharp",
        Language.Shell => "shell",
        Language.Json => "json",
        Language.Yaml => "yaml",
        Language.Toml => "toml",
        Language.Env => "env",
        Language.Dockerfile => "dockerfile",
        _ => "text",
    };

    public static bool TryParse(string? word, out Language language)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWord(), word?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                language = candidate;
                return true;
            }
        }
        language = Language.Text;
        return false;
    }
}
