using System.Text;
using System.Text.RegularExpressions;
using McpSentinel.Core.Model;

namespace McpSentinel.Core.Surface.Detectors;

/// <summary>MCP-SURF-006: a parameter the model is asked to fill with file contents, secrets or the conversation.
/// A side-channel name (sidenote, context, feedback, …) with such a request is flagged; so is any parameter whose own
/// description asks for it. "context: number of lines around a match" is not a request for data.</summary>
public sealed class SideChannelParameterDetector : ISurfaceDetector
{
    private static readonly HashSet<string> SideChannelNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "sidenote", "side_note", "sideNote", "note", "notes", "context", "feedback", "metadata", "extra", "debug", "reasoning",
        "comment", "comments", "memo", "annotation", "details", "additional_info", "additionalInfo", "remarks", "summary", "history",
    };

    public string Id => SurfaceRules.SideChannelParameter.Id;

    public IEnumerable<Finding> Detect(SurfaceContext context)
    {
        foreach (var server in context.Servers)
        {
            foreach (var tool in server.Tools)
            {
                foreach (var (name, description) in SurfaceStrings.Parameters(tool))
                {
                    bool sideName = SideChannelNames.Contains(name);
                    bool ownAsk = description is not null && Wording.AsksForSensitiveData(description);
                    bool toolAsk = sideName && tool.Description is not null && MentionsParameterWithAsk(tool.Description, name);
                    if (!ownAsk && !toolAsk) continue;
                    var evidence = ownAsk ? description! : tool.Description!;
                    var path = $"{SurfaceStrings.ToolPath(server, tool.Name)}/inputSchema/{name}";
                    yield return SurfaceFindings.Create(SurfaceRules.SideChannelParameter, path,
                        $"parameter '{name}' of tool '{tool.Name}' asks the model for file contents, secrets or the conversation", evidence,
                        sideName || ownAsk ? Severity.High : Severity.Medium);
                }
            }
        }
    }

    private static bool MentionsParameterWithAsk(string description, string parameter)
    {
        foreach (var sentence in Regex.Split(description, @"(?<=[.!?\n])\s+"))
        {
            if (sentence.Contains(parameter, StringComparison.OrdinalIgnoreCase) && Wording.AsksForSensitiveData(sentence)) return true;
        }
        return false;
    }
}

/// <summary>MCP-SURF-007: a description names a tool that belongs to another server.</summary>
public sealed class CrossServerMentionDetector : ISurfaceDetector
{
    public string Id => SurfaceRules.CrossServerMention.Id;

    public IEnumerable<Finding> Detect(SurfaceContext context)
    {
        if (context.Servers.Count < 2) yield break;
        var owners = context.Servers.SelectMany(s => s.Tools.Select(t => (Tool: t.Name, Server: s.Name)))
            .Where(x => x.Tool.Length >= 5 && (x.Tool.Contains('_') || x.Tool.Contains('-') || x.Tool.Any(char.IsUpper)))
            .ToLookup(x => x.Tool, x => x.Server, StringComparer.Ordinal);
        foreach (var s in context.Strings.Where(s => s.Field is SurfaceField.Description or SurfaceField.ParameterDescription or SurfaceField.Instructions))
        {
            foreach (var group in owners)
            {
                if (group.Contains(s.Server)) continue;
                var match = Regex.Match(s.Text, @"(?<![A-Za-z0-9_-])" + Regex.Escape(group.Key) + @"(?![A-Za-z0-9_-])", RegexOptions.None, TimeSpan.FromSeconds(1));
                if (!match.Success) continue;
                var severity = Wording.IsImperative(s.Text) ? Severity.High : Severity.Medium;
                yield return SurfaceFindings.Create(SurfaceRules.CrossServerMention, s.LogicalPath,
                    $"server '{s.Server}' refers to tool '{group.Key}' of server '{string.Join("', '", group.Distinct())}'", s.Text, severity);
                break;
            }
        }
    }
}

/// <summary>MCP-SURF-008: the same tool name on two servers.</summary>
public sealed class DuplicateToolNameDetector : ISurfaceDetector
{
    public string Id => SurfaceRules.DuplicateToolName.Id;

    public IEnumerable<Finding> Detect(SurfaceContext context)
    {
        var byName = context.Servers.SelectMany(s => s.Tools.Select(t => (t.Name, Server: s))).GroupBy(x => x.Name, StringComparer.Ordinal);
        foreach (var group in byName)
        {
            var servers = group.Select(x => x.Server.Name).Distinct(StringComparer.Ordinal).ToArray();
            if (servers.Length < 2) continue;
            foreach (var server in group.Skip(1).Select(x => x.Server).DistinctBy(s => s.Name))
            {
                yield return SurfaceFindings.Create(SurfaceRules.DuplicateToolName, SurfaceStrings.ToolPath(server, group.Key) + "/name",
                    $"tool '{group.Key}' is exposed by servers {string.Join(", ", servers.Select(s => "'" + s + "'"))}", group.Key);
            }
        }
    }
}

/// <summary>MCP-SURF-009: tool names that look alike but differ, and names that mix scripts.</summary>
public sealed class ConfusableToolNameDetector : ISurfaceDetector
{
    private static readonly Dictionary<char, char> Homoglyphs = new()
    {
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['х'] = 'x', ['у'] = 'y', ['і'] = 'i', ['ј'] = 'j', ['ѕ'] = 's',
        ['ԁ'] = 'd', ['һ'] = 'h', ['ӏ'] = 'l', ['α'] = 'a', ['ο'] = 'o', ['ρ'] = 'p', ['ν'] = 'v', ['τ'] = 't', ['ι'] = 'i', ['κ'] = 'k',
        ['0'] = 'o', ['1'] = 'l', ['i'] = 'l', ['|'] = 'l', ['-'] = '_', ['.'] = '_', [' '] = '_',
    };

    public string Id => SurfaceRules.ConfusableToolName.Id;

    public IEnumerable<Finding> Detect(SurfaceContext context)
    {
        var tools = context.Servers.SelectMany(s => s.Tools.Select(t => (Server: s, t.Name))).DistinctBy(x => (x.Server.Name, x.Name)).ToArray();
        foreach (var (server, name) in tools)
        {
            if (name.Any(c => c > 0x7F) && name.Any(char.IsAsciiLetter))
            {
                yield return SurfaceFindings.Create(SurfaceRules.ConfusableToolName, SurfaceStrings.ToolPath(server, name) + "/name",
                    $"tool name '{name}' mixes ASCII with other scripts (reads as '{Skeleton(name)}')", Escape(name));
            }
        }
        var bySkeleton = tools.GroupBy(x => Skeleton(x.Name), StringComparer.Ordinal);
        foreach (var group in bySkeleton)
        {
            var names = group.Select(x => x.Name).Distinct(StringComparer.Ordinal).ToArray();
            if (names.Length < 2) continue;
            foreach (var (server, name) in group.Skip(1).Where(x => x.Name != group.First().Name))
            {
                yield return SurfaceFindings.Create(SurfaceRules.ConfusableToolName, SurfaceStrings.ToolPath(server, name) + "/name",
                    $"tool name '{Escape(name)}' looks like '{Escape(group.First().Name)}' (server '{group.First().Server.Name}')", Escape(name));
            }
        }
    }

    internal static string Skeleton(string name)
    {
        var lower = name.ToLowerInvariant().Replace("rn", "m", StringComparison.Ordinal).Replace("vv", "w", StringComparison.Ordinal);
        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower) builder.Append(Homoglyphs.TryGetValue(c, out var mapped) ? mapped : c);
        return builder.ToString();
    }

    private static string Escape(string name) => string.Concat(name.Select(c => c > 0x7F ? $"<U+{(int)c:X4}>" : c.ToString()));
}

/// <summary>MCP-SURF-010: readOnlyHint=true (or destructiveHint=false) on a tool whose name starts with a destructive or writing verb.</summary>
public sealed class AnnotationContradictionDetector : ISurfaceDetector
{
    internal static readonly HashSet<string> DestructiveVerbs = ["delete", "remove", "rm", "drop", "destroy", "purge", "truncate", "wipe", "erase", "kill", "terminate", "reset", "format", "unlink", "revoke", "uninstall"];
    internal static readonly HashSet<string> WriteVerbs = ["write", "update", "create", "edit", "modify", "set", "put", "insert", "move", "rename", "exec", "execute", "run", "send", "post", "upload", "publish", "deploy", "install", "push", "merge", "commit", "transfer", "pay", "buy"];

    public string Id => SurfaceRules.AnnotationContradiction.Id;

    public IEnumerable<Finding> Detect(SurfaceContext context)
    {
        foreach (var server in context.Servers)
        {
            foreach (var tool in server.Tools)
            {
                var hints = tool.Annotations;
                if (hints is null) continue;
                var tokens = Wording.Tokens(tool.Name);
                if (tokens.Count == 0) continue;
                var verb = tokens[0];
                bool destructive = DestructiveVerbs.Contains(verb);
                bool writes = WriteVerbs.Contains(verb);
                var path = SurfaceStrings.ToolPath(server, tool.Name) + "/annotations";
                if (hints.ReadOnlyHint == true && (destructive || writes))
                {
                    yield return SurfaceFindings.Create(SurfaceRules.AnnotationContradiction, path,
                        $"tool '{tool.Name}' is annotated readOnlyHint=true but its name starts with '{verb}'", $"{tool.Name}: readOnlyHint=true",
                        destructive ? Severity.High : Severity.Medium);
                }
                else if (hints.DestructiveHint == false && destructive)
                {
                    yield return SurfaceFindings.Create(SurfaceRules.AnnotationContradiction, path,
                        $"tool '{tool.Name}' is annotated destructiveHint=false but its name starts with '{verb}'", $"{tool.Name}: destructiveHint=false", Severity.Medium);
                }
                else if (hints.DestructiveHint == false && tool.CodeCapabilities.Contains(SourceToolCapabilities.Destructive))
                {
                    // from source: the code deletes files although the tool says it is not destructive
                    yield return SurfaceFindings.Create(SurfaceRules.AnnotationContradiction, path,
                        $"tool '{tool.Name}' is annotated destructiveHint=false but its code deletes files", $"{tool.Name}: destructiveHint=false", Severity.Medium);
                }
            }
        }
    }
}
