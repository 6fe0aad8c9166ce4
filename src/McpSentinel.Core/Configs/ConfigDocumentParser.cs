using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using McpSentinel.Core.Text;
using Tomlyn;
using Tomlyn.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace McpSentinel.Core.Configs;

/// <summary>Parses JSON (comments and trailing commas allowed), TOML and YAML into a <see cref="ConfigNode"/> tree with
/// line numbers. Every failure is a <see cref="ConfigParseException"/> with the line; nothing else escapes.</summary>
public static class ConfigDocumentParser
{
    private const int MaxDepth = 64;
    private const int MaxNodes = 200_000;

    public static ConfigNode Parse(string text, ConfigFormat format)
    {
        try
        {
            return format switch
            {
                ConfigFormat.Toml => ParseToml(text),
                ConfigFormat.Yaml => ParseYaml(text),
                _ => ParseJson(text),
            };
        }
        catch (ConfigParseException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // a parser bug or an unexpected shape must not take the scan down
            throw new ConfigParseException(0, $"cannot parse {format.ToWord().ToUpperInvariant()}: {ex.Message}");
        }
    }

    // ---------------------------------------------------------------- JSON

    private static ConfigNode ParseJson(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text.StartsWith('\uFEFF') ? text[1..] : text);
        var lines = NewlineOffsets(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = MaxDepth,
        });
        try
        {
            if (!reader.Read()) throw new ConfigParseException(1, "malformed JSON: the file is empty");
            int count = 0;
            var root = ReadJson(ref reader, lines, ref count);
            if (reader.Read()) throw new ConfigParseException(LineOf(lines, reader.TokenStartIndex), "malformed JSON: more than one top-level value");
            return root;
        }
        catch (JsonException ex)
        {
            int line = ex.LineNumber is { } l ? (int)l + 1 : 0;
            throw new ConfigParseException(line, "malformed JSON: " + FirstSentence(ex.Message));
        }
    }

    private static ConfigNode ReadJson(ref Utf8JsonReader reader, int[] lines, ref int count)
    {
        if (++count > MaxNodes) throw new ConfigParseException(0, $"the document has more than {MaxNodes} values");
        int line = LineOf(lines, reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var properties = new List<ConfigProperty>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    string name = reader.GetString() ?? "";
                    int keyLine = LineOf(lines, reader.TokenStartIndex);
                    reader.Read();
                    properties.Add(new ConfigProperty(name, keyLine, ReadJson(ref reader, lines, ref count)));
                }
                return ConfigNode.Object(properties, line);
            }
            case JsonTokenType.StartArray:
            {
                var items = new List<ConfigNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadJson(ref reader, lines, ref count));
                }
                return ConfigNode.Array(items, line);
            }
            case JsonTokenType.String:
                return ConfigNode.Value(ConfigNodeKind.String, reader.GetString(), line);
            case JsonTokenType.Number:
                return ConfigNode.Value(ConfigNodeKind.Number, Encoding.UTF8.GetString(reader.ValueSpan), line);
            case JsonTokenType.True:
                return ConfigNode.Value(ConfigNodeKind.Boolean, "true", line);
            case JsonTokenType.False:
                return ConfigNode.Value(ConfigNodeKind.Boolean, "false", line);
            default:
                return ConfigNode.Value(ConfigNodeKind.Null, null, line);
        }
    }

    private static int[] NewlineOffsets(byte[] bytes)
    {
        var offsets = new List<int>();
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n') offsets.Add(i);
        }
        return offsets.ToArray();
    }

    private static int LineOf(int[] newlines, long offset)
    {
        int index = System.Array.BinarySearch(newlines, (int)offset);
        return (index < 0 ? ~index : index) + 1;
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }

    // ---------------------------------------------------------------- YAML

    private static ConfigNode ParseYaml(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ConfigParseException((int)ex.Start.Line, "malformed YAML: " + (ex.InnerException?.Message ?? ex.Message));
        }
        if (stream.Documents.Count == 0) return ConfigNode.Object([], 1);
        int count = 0;
        return FromYaml(stream.Documents[0].RootNode, 0, ref count);
    }

    private static ConfigNode FromYaml(YamlNode node, int depth, ref int count)
    {
        if (depth > MaxDepth) throw new ConfigParseException((int)node.Start.Line, $"the document is nested deeper than {MaxDepth} levels");
        // aliases share nodes: the count stops "billion laughs" documents from expanding without bound
        if (++count > MaxNodes) throw new ConfigParseException((int)node.Start.Line, $"the document expands to more than {MaxNodes} values");
        int line = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode map:
            {
                var properties = new List<ConfigProperty>();
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name }) continue;
                    properties.Add(new ConfigProperty(name, (int)key.Start.Line, FromYaml(value, depth + 1, ref count)));
                }
                return ConfigNode.Object(properties, line);
            }
            case YamlSequenceNode sequence:
            {
                var items = new List<ConfigNode>();
                foreach (var child in sequence.Children) items.Add(FromYaml(child, depth + 1, ref count));
                return ConfigNode.Array(items, line);
            }
            case YamlScalarNode scalar:
                if (scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL")
                    return ConfigNode.Value(ConfigNodeKind.Null, null, line);
                if (scalar.Style == ScalarStyle.Plain && scalar.Value is "true" or "false" or "True" or "False")
                    return ConfigNode.Value(ConfigNodeKind.Boolean, scalar.Value.ToLowerInvariant(), line);
                return ConfigNode.Value(ConfigNodeKind.String, scalar.Value, line);
            default:
                return ConfigNode.Value(ConfigNodeKind.Null, null, line);
        }
    }

    // ---------------------------------------------------------------- TOML

    private static ConfigNode ParseToml(string text)
    {
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(text, TomlModelContext.Default) ?? new TomlTable();
        }
        catch (TomlException ex)
        {
            throw new ConfigParseException(ex.Line ?? 0, "malformed TOML: " + FirstLine(ex.Message));
        }
        var lines = text.Split('\n');
        int count = 0;
        return FromToml(table, lines, 1, 0, ref count);
    }

    private static string FirstLine(string message)
    {
        int cut = message.IndexOf('\n');
        return (cut > 0 ? message[..cut] : message).Trim();
    }

    private static ConfigNode FromToml(object? value, string[] lines, int line, int depth, ref int count)
    {
        if (depth > MaxDepth) throw new ConfigParseException(line, $"the document is nested deeper than {MaxDepth} levels");
        if (++count > MaxNodes) throw new ConfigParseException(line, $"the document has more than {MaxNodes} values");
        switch (value)
        {
            case TomlTable table:
            {
                var properties = new List<ConfigProperty>();
                foreach (var (key, child) in table)
                {
                    int keyLine = FindTomlKeyLine(lines, key, line);
                    properties.Add(new ConfigProperty(key, keyLine, FromToml(child, lines, keyLine, depth + 1, ref count)));
                }
                return ConfigNode.Object(properties, line);
            }
            case TomlTableArray tables:
            {
                var items = new List<ConfigNode>();
                foreach (var t in tables) items.Add(FromToml(t, lines, line, depth + 1, ref count));
                return ConfigNode.Array(items, line);
            }
            case TomlArray array:
            {
                var items = new List<ConfigNode>();
                foreach (var item in array) items.Add(FromToml(item, lines, line, depth + 1, ref count));
                return ConfigNode.Array(items, line);
            }
            case string s:
                return ConfigNode.Value(ConfigNodeKind.String, s, line);
            case bool b:
                return ConfigNode.Value(ConfigNodeKind.Boolean, b ? "true" : "false", line);
            case null:
                return ConfigNode.Value(ConfigNodeKind.Null, null, line);
            case IFormattable number when value is long or int or double or float or decimal:
                return ConfigNode.Value(ConfigNodeKind.Number, number.ToString(null, CultureInfo.InvariantCulture), line);
            default:
                return ConfigNode.Value(ConfigNodeKind.String, Convert.ToString(value, CultureInfo.InvariantCulture), line);
        }
    }

    /// <summary>Tomlyn's model has no positions: find the line that defines <paramref name="key"/> at or after the parent's line,
    /// as a table header (<c>[a.key]</c>), a key/value (<c>key = …</c>) or an inline-table entry.</summary>
    private static int FindTomlKeyLine(string[] lines, string key, int fromLine)
    {
        var quoted = "(?:" + Regex.Escape(key) + "|\"" + Regex.Escape(key) + "\"|'" + Regex.Escape(key) + "')";
        var header = new Regex(@"^\s*\[\[?[^\]]*?(?:^|\.|\[|\s)" + quoted + @"\s*\]\]?", RegexOptions.None, TimeSpan.FromMilliseconds(100));
        var assignment = new Regex(@"^\s*" + quoted + @"\s*=", RegexOptions.None, TimeSpan.FromMilliseconds(100));
        var inline = new Regex(@"[{,]\s*" + quoted + @"\s*=", RegexOptions.None, TimeSpan.FromMilliseconds(100));
        int start = Math.Max(0, fromLine - 1);
        for (int i = start; i < lines.Length; i++)
        {
            try
            {
                if (header.IsMatch(lines[i]) || assignment.IsMatch(lines[i]) || inline.IsMatch(lines[i])) return i + 1;
            }
            catch (RegexMatchTimeoutException)
            {
                break;
            }
        }
        return fromLine;
    }
}
