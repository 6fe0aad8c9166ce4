namespace McpSentinel.Core.Configs;

public enum ConfigFormat
{
    Json = 0,
    Toml,
    Yaml,
}

public static class ConfigFormats
{
    public static string ToWord(this ConfigFormat format) => format switch
    {
        ConfigFormat.Toml => "toml",
        ConfigFormat.Yaml => "yaml",
        _ => "json",
    };

    public static bool TryParse(string? word, out ConfigFormat format)
    {
        switch (word?.Trim().ToLowerInvariant())
        {
            case "json": case "jsonc": format = ConfigFormat.Json; return true;
            case "toml": format = ConfigFormat.Toml; return true;
            case "yaml": case "yml": format = ConfigFormat.Yaml; return true;
            default: format = ConfigFormat.Json; return false;
        }
    }

    /// <summary>The format a file name suggests, or null for an extension that is none of them.</summary>
    public static ConfigFormat? FromFileName(string name)
    {
        var ext = Path.GetExtension(name).ToLowerInvariant();
        return ext switch
        {
            ".json" or ".jsonc" => ConfigFormat.Json,
            ".toml" => ConfigFormat.Toml,
            ".yaml" or ".yml" => ConfigFormat.Yaml,
            _ => null,
        };
    }
}
