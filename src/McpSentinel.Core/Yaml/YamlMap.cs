using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace McpSentinel.Core.Yaml;

/// <summary>
/// Typed, position-aware reading of a YAML mapping through the representation model (no reflection, so it works
/// under Native AOT). Every error names the line and column of the offending key or value; unknown keys are errors.
/// </summary>
public sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMap(YamlMappingNode node)
    {
        _node = node;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode scalar || scalar.Value is null) throw Error(key, "keys must be plain names");
            if (!_entries.TryAdd(scalar.Value, (scalar, value))) throw Error(key, $"key '{scalar.Value}' appears twice");
        }
    }

    /// <summary>Parses a document whose root must be a mapping; null for an empty document.</summary>
    public static YamlMap? ParseDocument(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0) return null;
        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" }) return null;
        if (root is not YamlMappingNode map) throw Error(root, "the document must be a mapping of keys to values");
        return new YamlMap(map);
    }

    public static YamlShapeException Error(YamlNode node, string message) =>
        new(node.Start.Line, node.Start.Column, message);

    public YamlShapeException ErrorAt(string key, string message) =>
        _entries.TryGetValue(key, out var e) ? Error(e.Value, $"'{key}': {message}") : Error(_node, $"'{key}': {message}");

    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>Throws for the first key that no accessor asked for.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (name, (key, _)) in _entries)
        {
            if (!_read.Contains(name)) throw Error(key, $"unknown key '{name}'");
        }
    }

    private YamlNode? Get(string key)
    {
        _read.Add(key);
        if (!_entries.TryGetValue(key, out var e)) return null;
        return e.Value is YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" } ? null : e.Value;
    }

    public string? String(string key) => Get(key) switch
    {
        null => null,
        YamlScalarNode s => s.Value,
        var other => throw Error(other, $"'{key}' must be a single value"),
    };

    public int? Int(string key)
    {
        var node = Get(key);
        if (node is null) return null;
        if (node is YamlScalarNode s && int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return v;
        throw Error(node, $"'{key}' must be a whole number");
    }

    public double? Double(string key)
    {
        var node = Get(key);
        if (node is null) return null;
        if (node is YamlScalarNode s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
        throw Error(node, $"'{key}' must be a number");
    }

    public bool? Bool(string key)
    {
        var node = Get(key);
        if (node is null) return null;
        if (node is YamlScalarNode s)
        {
            switch (s.Value?.ToLowerInvariant())
            {
                case "true" or "yes" or "on": return true;
                case "false" or "no" or "off": return false;
            }
        }
        throw Error(node, $"'{key}' must be true or false");
    }

    /// <summary>A list of strings; a single scalar is accepted as a one-item list.</summary>
    public List<string>? StringList(string key)
    {
        var node = Get(key);
        switch (node)
        {
            case null: return null;
            case YamlScalarNode s: return s.Value is null ? [] : [s.Value];
            case YamlSequenceNode seq:
                var list = new List<string>();
                foreach (var item in seq.Children)
                {
                    if (item is not YamlScalarNode { Value: { } v }) throw Error(item, $"'{key}' must be a list of plain values");
                    list.Add(v);
                }
                return list;
            default: throw Error(node, $"'{key}' must be a list");
        }
    }

    public YamlMap? Map(string key) => Get(key) switch
    {
        null => null,
        YamlMappingNode m => new YamlMap(m),
        var other => throw Error(other, $"'{key}' must be a mapping"),
    };

    public List<YamlMap>? MapList(string key)
    {
        var node = Get(key);
        switch (node)
        {
            case null: return null;
            case YamlSequenceNode seq:
                var list = new List<YamlMap>();
                foreach (var item in seq.Children)
                {
                    if (item is not YamlMappingNode m) throw Error(item, $"each item of '{key}' must be a mapping");
                    list.Add(new YamlMap(m));
                }
                return list;
            default: throw Error(node, $"'{key}' must be a list of mappings");
        }
    }

    /// <summary>A mapping of names to single values (for example severity overrides).</summary>
    public List<(string Key, string Value, YamlNode Node)>? Pairs(string key)
    {
        var node = Get(key);
        switch (node)
        {
            case null: return null;
            case YamlMappingNode m:
                var list = new List<(string, string, YamlNode)>();
                foreach (var (k, v) in m.Children)
                {
                    if (k is not YamlScalarNode { Value: { } name } || v is not YamlScalarNode { Value: { } value }) throw Error(k, $"'{key}' must map names to single values");
                    list.Add((name, value, v));
                }
                return list;
            default: throw Error(node, $"'{key}' must be a mapping");
        }
    }

    public YamlNode? Node(string key)
    {
        _read.Add(key);
        return _entries.TryGetValue(key, out var e) ? e.Value : null;
    }
}
