using System.Text.Json.Nodes;
using McpSentinel.Core.Model;
using McpSentinel.Core.Surface.Detectors;

namespace McpSentinel.Core.Surface;

/// <summary>
/// The tools, prompts and resources defined in scanned source code, as one server surface (<c>server:source</c>) that
/// the surface engine analyses like a live one. Its findings are then moved from their logical location to the file
/// and line where the text is written (<see cref="Reconcile"/>); a finding on a text that the static engine already
/// reported (the same rule within the text's lines, or the same category on the same line) is dropped: the static one
/// has the exact column.
/// </summary>
public sealed class SourceSurface
{
    public const string ServerName = "source";

    private sealed record Text(IReadOnlyList<Location> Lines, string Value);

    private readonly Dictionary<string, Text> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Location> _items = new(StringComparer.Ordinal);

    private SourceSurface(ServerSurface server) => Server = server;

    public ServerSurface Server { get; private set; }

    /// <summary>Builds the surface from definitions (sorted by file and line; a name defined twice keeps its first definition).</summary>
    public static SourceSurface Build(IEnumerable<SourceToolDefinition> definitions)
    {
        var surface = new SourceSurface(new ServerSurface { Name = ServerName, Launcher = new LauncherIdentity { Transport = "source" } });
        var tools = new List<ToolSurface>();
        var prompts = new List<PromptSurface>();
        var resources = new List<ResourceSurface>();
        var root = "server:" + ServerName;
        foreach (var d in definitions.OrderBy(d => d.Location.Path, StringComparer.Ordinal).ThenBy(d => d.Location.StartLine))
        {
            switch (d.Kind)
            {
                case "tool":
                {
                    var path = $"{root}/tool:{d.Name}";
                    if (surface._items.ContainsKey(path)) continue;
                    surface._items[path] = d.Location;
                    surface.AddText(path + "/description", d.Description, d.DescriptionLines);
                    var properties = new JsonObject();
                    foreach (var p in d.Parameters)
                    {
                        properties[p.Name] = p.Description is null ? new JsonObject() : new JsonObject { ["description"] = p.Description };
                        surface._items[$"{path}/inputSchema/{p.Name}"] = p.Location;
                        surface.AddText($"{path}/inputSchema/{p.Name}/description", p.Description, p.DescriptionLines);
                    }
                    tools.Add(new ToolSurface
                    {
                        Name = d.Name,
                        Description = d.Description,
                        InputSchema = new JsonObject { ["type"] = "object", ["properties"] = properties },
                        Annotations = d.ReadOnlyHint is null && d.DestructiveHint is null ? null
                            : new ToolAnnotationsSurface { ReadOnlyHint = d.ReadOnlyHint, DestructiveHint = d.DestructiveHint },
                        CodeCapabilities = d.Capabilities,
                    });
                    break;
                }
                case "prompt":
                {
                    var path = $"{root}/prompt:{d.Name}";
                    if (surface._items.ContainsKey(path)) continue;
                    surface._items[path] = d.Location;
                    surface.AddText(path + "/description", d.Description, d.DescriptionLines);
                    foreach (var p in d.Parameters)
                    {
                        surface._items[$"{path}/argument:{p.Name}"] = p.Location;
                        surface.AddText($"{path}/argument:{p.Name}/description", p.Description, p.DescriptionLines);
                    }
                    prompts.Add(new PromptSurface
                    {
                        Name = d.Name,
                        Description = d.Description,
                        Arguments = d.Parameters.Select(p => new PromptArgumentSurface(p.Name, null, p.Description, null)).ToArray(),
                    });
                    break;
                }
                default:
                {
                    var path = $"{root}/resource:{d.Name}";
                    if (surface._items.ContainsKey(path)) continue;
                    surface._items[path] = d.Location;
                    surface.AddText(path + "/description", d.Description, d.DescriptionLines);
                    resources.Add(new ResourceSurface { Uri = d.Name, Name = d.Name, Description = d.Description });
                    break;
                }
            }
        }
        surface.Server = surface.Server with { Tools = tools, Prompts = prompts, Resources = resources };
        return surface;
    }

    private void AddText(string path, string? text, IReadOnlyList<Location> lines)
    {
        if (string.IsNullOrEmpty(text) || lines.Count == 0) return;
        _texts[path] = new Text(lines, text);
    }

    /// <summary>Moves the surface engine's findings on <c>server:source</c> to files and lines, and drops a rule-pack text
    /// finding (MCP-TP-*, MCP-UNI-*) when the static engine reported the same rule within the lines of the same text.
    /// Findings on other servers are returned as they are.</summary>
    public IReadOnlyList<Finding> Reconcile(IEnumerable<Finding> surfaceFindings, IEnumerable<Finding> staticFindings)
    {
        var statics = staticFindings.Where(f => f.Location.Path is not null).ToList();
        var staticByRule = statics.ToLookup(f => (f.RuleId, f.Location.Path!), f => f.Location.StartLine);
        var staticByLine = statics.Select(f => (f.Location.Path!, f.Location.StartLine, f.Category)).ToHashSet();
        var result = new List<Finding>();
        var prefix = "server:" + ServerName + "/";
        foreach (var f in surfaceFindings)
        {
            var logical = f.Location.LogicalPath;
            if (logical is null || !(logical.StartsWith(prefix, StringComparison.Ordinal) || logical == "server:" + ServerName))
            {
                result.Add(f);
                continue;
            }
            if (FindText(logical) is { } text)
            {
                var line = LineOf(f, text);
                bool textRule = SurfaceEngine.IsTextRule(f.RuleId);
                if (textRule && staticByRule[(f.RuleId, line.Path!)].Any(l => l >= text.Lines[0].StartLine && l <= text.Lines[^1].StartLine)) continue;
                // the static engine already reported this line in the same category, with the exact column and the hidden
                // characters decoded in its evidence: that finding is the more precise one
                if (staticByLine.Contains((line.Path!, line.StartLine, f.Category))) continue;
                result.Add(f with { Location = line });
            }
            else if (FindItem(logical) is { } item)
            {
                result.Add(f with { Location = item });
            }
            else
            {
                result.Add(f);
            }
        }
        return result;
    }

    private Text? FindText(string logical) => _texts.TryGetValue(logical, out var t) ? t : null;

    private Location? FindItem(string logical)
    {
        for (var path = logical; path.Length > 0; path = path[..Math.Max(0, path.LastIndexOf('/'))])
        {
            if (_items.TryGetValue(path, out var location)) return location;
            if (!path.Contains('/', StringComparison.Ordinal)) break;
        }
        return null;
    }

    /// <summary>The source line of a finding inside a text: the rule-pack rules give the line within the text; the
    /// detectors are placed on the first line that holds what they report (hidden characters, an escape, a comment).</summary>
    private static Location LineOf(Finding f, Text text)
    {
        var lines = text.Value.Split('\n');
        int index = 0;
        if (SurfaceEngine.IsTextRule(f.RuleId)) index = f.Location.StartLine - 1;
        else
        {
            Func<string, bool>? holds = f.RuleId switch
            {
                "MCP-SURF-001" => l => HiddenUnicodeDetector.Inspect(l).Hidden > 0,
                "MCP-SURF-002" => l => l.Contains('\u001B', StringComparison.Ordinal),
                "MCP-SURF-003" => l => l.Contains("<!--", StringComparison.Ordinal),
                "MCP-SURF-004" => l => f.Evidence.Length >= 16 && l.Contains(f.Evidence[..16], StringComparison.Ordinal),
                _ => null,
            };
            if (holds is not null)
            {
                int found = Array.FindIndex(lines, l => holds(l));
                if (found >= 0) index = found;
            }
        }
        return text.Lines[Math.Clamp(index, 0, text.Lines.Count - 1)];
    }
}
