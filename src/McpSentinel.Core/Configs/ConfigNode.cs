namespace McpSentinel.Core.Configs;

public enum ConfigNodeKind
{
    Null = 0,
    String,
    Number,
    Boolean,
    Object,
    Array,
}

/// <summary>A format-neutral tree of a parsed JSON, TOML or YAML configuration file, with 1-based line numbers
/// (0 when the format does not give one). Properties keep their file order.</summary>
public sealed class ConfigNode
{
    private static readonly IReadOnlyList<ConfigProperty> NoProperties = [];
    private static readonly IReadOnlyList<ConfigNode> NoItems = [];

    private ConfigNode(ConfigNodeKind kind, int line, string? scalar, IReadOnlyList<ConfigProperty>? properties, IReadOnlyList<ConfigNode>? items)
    {
        Kind = kind;
        Line = line;
        Scalar = scalar;
        Properties = properties ?? NoProperties;
        Items = items ?? NoItems;
    }

    public ConfigNodeKind Kind { get; }
    public int Line { get; }
    /// <summary>The text of a string, number or boolean; null otherwise.</summary>
    public string? Scalar { get; }
    public IReadOnlyList<ConfigProperty> Properties { get; }
    public IReadOnlyList<ConfigNode> Items { get; }

    public static ConfigNode Value(ConfigNodeKind kind, string? text, int line) => new(kind, line, text, null, null);
    public static ConfigNode Object(IReadOnlyList<ConfigProperty> properties, int line) => new(ConfigNodeKind.Object, line, null, properties, null);
    public static ConfigNode Array(IReadOnlyList<ConfigNode> items, int line) => new(ConfigNodeKind.Array, line, null, null, items);

    public bool IsObject => Kind == ConfigNodeKind.Object;
    public bool IsArray => Kind == ConfigNodeKind.Array;

    /// <summary>The property (the last one when a key repeats, as JSON parsers do), or null.</summary>
    public ConfigProperty? Property(string name)
    {
        for (int i = Properties.Count - 1; i >= 0; i--)
        {
            if (string.Equals(Properties[i].Name, name, StringComparison.Ordinal)) return Properties[i];
        }
        return null;
    }

    public ConfigNode? this[string name] => Property(name)?.Value;

    /// <summary>The scalar text of a string/number/boolean node.</summary>
    public string? AsString() => Kind is ConfigNodeKind.String or ConfigNodeKind.Number or ConfigNodeKind.Boolean ? Scalar : null;

    /// <summary>True for a boolean true (or a YAML/TOML scalar spelled true).</summary>
    public bool IsTrue() => Kind is ConfigNodeKind.Boolean or ConfigNodeKind.String && string.Equals(Scalar, "true", StringComparison.OrdinalIgnoreCase);
}

public sealed record ConfigProperty(string Name, int Line, ConfigNode Value);
