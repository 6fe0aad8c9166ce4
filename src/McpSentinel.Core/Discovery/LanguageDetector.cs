using McpSentinel.Core.Model;

namespace McpSentinel.Core.Discovery;

/// <summary>Language by file name and extension, then by shebang for files without a known extension.</summary>
public static class LanguageDetector
{
    private static readonly Dictionary<string, Language> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".py"] = Language.Python, [".pyw"] = Language.Python, [".pyi"] = Language.Python,
        [".js"] = Language.JavaScript, [".mjs"] = Language.JavaScript, [".cjs"] = Language.JavaScript, [".jsx"] = Language.JavaScript,
        [".ts"] = Language.TypeScript, [".mts"] = Language.TypeScript, [".cts"] = Language.TypeScript, [".tsx"] = Language.TypeScript,
        [".go"] = Language.Go,
        [".cs"] = Language.CSharp, [".csx"] = Language.CSharp,
        [".sh"] = Language.Shell, [".bash"] = Language.Shell, [".zsh"] = Language.Shell, [".ksh"] = Language.Shell,
        [".json"] = Language.Json, [".jsonc"] = Language.Json, [".json5"] = Language.Json,
        [".yaml"] = Language.Yaml, [".yml"] = Language.Yaml,
        [".toml"] = Language.Toml,
        [".env"] = Language.Env,
        [".dockerfile"] = Language.Dockerfile, [".containerfile"] = Language.Dockerfile,
        [".txt"] = Language.Text, [".md"] = Language.Text, [".ini"] = Language.Text, [".cfg"] = Language.Text,
        [".conf"] = Language.Text, [".properties"] = Language.Text, [".xml"] = Language.Text, [".config"] = Language.Text,
        [".csproj"] = Language.Text, [".html"] = Language.Text, [".htm"] = Language.Text, [".ps1"] = Language.Text,
        [".pem"] = Language.Text, [".key"] = Language.Text, [".tf"] = Language.Text, [".tfvars"] = Language.Text,
    };

    /// <summary>The language of a file from its name alone, or null when the name says nothing.</summary>
    public static Language? FromName(string fileName)
    {
        if (fileName.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase)
            || fileName.Equals("Containerfile", StringComparison.OrdinalIgnoreCase)
            || fileName.StartsWith("Dockerfile.", StringComparison.OrdinalIgnoreCase))
        {
            return Language.Dockerfile;
        }
        if (fileName.Equals(".env", StringComparison.OrdinalIgnoreCase) || fileName.StartsWith(".env.", StringComparison.OrdinalIgnoreCase))
        {
            return Language.Env;
        }
        if (fileName.Equals(".npmrc", StringComparison.OrdinalIgnoreCase) || fileName.Equals(".pypirc", StringComparison.OrdinalIgnoreCase)
            || fileName.Equals(".netrc", StringComparison.OrdinalIgnoreCase))
        {
            return Language.Text;
        }
        var extension = Path.GetExtension(fileName);
        return ByExtension.TryGetValue(extension, out var language) ? language : null;
    }

    /// <summary>The language named by a <c>#!</c> line, or null.</summary>
    public static Language? FromShebang(ReadOnlySpan<byte> head)
    {
        if (head.Length < 3 || head[0] != (byte)'#' || head[1] != (byte)'!') return null;
        int end = head.IndexOf((byte)'\n');
        var line = System.Text.Encoding.ASCII.GetString(end < 0 ? head : head[..end]);
        if (line.Contains("python", StringComparison.Ordinal)) return Language.Python;
        if (line.Contains("node", StringComparison.Ordinal) || line.Contains("deno", StringComparison.Ordinal) || line.Contains("bun", StringComparison.Ordinal))
        {
            return line.Contains("ts-node", StringComparison.Ordinal) || line.Contains("tsx", StringComparison.Ordinal) ? Language.TypeScript : Language.JavaScript;
        }
        if (line.Contains("sh", StringComparison.Ordinal)) return Language.Shell;
        return null;
    }
}
