namespace McpSentinel.Core.Configs;

/// <summary>Classifies how a server is started: npx, uvx, docker, node, python, binary, or remote (a URL).</summary>
public static class Launchers
{
    public const string Npx = "npx";
    public const string Uvx = "uvx";
    public const string Docker = "docker";
    public const string Node = "node";
    public const string Python = "python";
    public const string Binary = "binary";
    public const string Remote = "remote";

    /// <summary>The executable's name, lower case, without folder or Windows extension.</summary>
    public static string BaseName(string command)
    {
        var name = command.Trim().Replace('\\', '/');
        int slash = name.LastIndexOf('/');
        if (slash >= 0) name = name[(slash + 1)..];
        name = name.ToLowerInvariant();
        foreach (var ext in new[] { ".exe", ".cmd", ".bat", ".ps1" })
        {
            if (name.EndsWith(ext, StringComparison.Ordinal)) return name[..^ext.Length];
        }
        return name;
    }

    public static string Classify(string? command, IReadOnlyList<string> args, bool hasUrl)
    {
        if (string.IsNullOrWhiteSpace(command)) return hasUrl ? Remote : Binary;
        var name = BaseName(command);
        string first = args.Count > 0 ? args[0].ToLowerInvariant() : "";
        switch (name)
        {
            case "npx" or "bunx" or "pnpx":
                return Npx;
            case "pnpm" or "yarn" when first == "dlx":
                return Npx;
            case "bun" when first == "x":
                return Npx;
            case "npm" when first is "exec" or "x":
                return Npx;
            case "uvx" or "pipx":
                return Uvx;
            case "uv" when first == "tool":
                return Uvx;
            case "docker" or "podman" or "nerdctl":
                return Docker;
            case "node" or "nodejs" or "bun" or "deno" or "tsx" or "ts-node":
                return Node;
            case "uv" or "py" or "pypy" or "pypy3":
                return Python;
        }
        if (name.StartsWith("python", StringComparison.Ordinal)) return Python;
        return Binary;
    }
}
