using System.Text.RegularExpressions;
using McpSentinel.Core.Model;

namespace McpSentinel.Core.Surface.Detectors;

/// <summary>What a tool can do, labelled offline from its name, description and annotations.</summary>
[Flags]
public enum ToolLabels
{
    None = 0,
    UntrustedInput = 1,
    PrivateData = 2,
    Exfiltration = 4,
    Destructive = 8,
}

/// <summary>MCP-SURF-011: labels each tool and reports, per outbound tool, a path that combines untrusted input,
/// private data and exfiltration across all tools and servers of the scan.</summary>
public sealed class ToxicFlowDetector : ISurfaceDetector
{
    private static readonly HashSet<string> ReadVerbs = ["read", "get", "list", "search", "query", "fetch", "open", "view", "load", "cat", "find", "export", "download", "browse", "show", "lookup", "retrieve", "scrape", "crawl"];
    private static readonly HashSet<string> UntrustedNouns = ["web", "url", "urls", "http", "https", "page", "webpage", "website", "email", "emails", "mail", "inbox", "issue", "issues", "comment", "comments", "message", "messages", "slack", "tweet", "tweets", "news", "rss", "feed", "html", "internet", "pr", "discussion"];
    private static readonly HashSet<string> FetchVerbs = ["fetch", "browse", "scrape", "crawl", "download", "navigate"];
    private static readonly HashSet<string> PrivateNouns = ["file", "files", "directory", "dir", "folder", "database", "db", "sql", "table", "secret", "secrets", "credential", "credentials", "password", "passwords", "env", "environment", "calendar", "contacts", "drive", "document", "documents", "doc", "docs", "notes", "note", "repo", "repository", "customer", "customers", "account", "accounts", "memory", "history", "record", "records", "vault", "keychain", "wallet"];
    private static readonly HashSet<string> SendVerbs = ["send", "post", "upload", "publish", "share", "tweet", "notify", "submit", "forward", "email", "mail", "webhook", "reply", "comment", "dm", "transfer"];
    private static readonly Regex UntrustedText = new(@"(?i)\b(?:web\s*pages?|websites?|from\s+(?:a|any|the)\s+url|fetch(?:es)?\s+(?:a\s+|the\s+)?url|the\s+internet|incoming\s+e-?mails?|(?:github|gitlab)\s+issues?|user-generated)\b", RegexOptions.NonBacktracking);
    private static readonly Regex SendText = new(@"(?i)\b(?:sends?\s+(?:an?\s+)?(?:e-?mail|message|request|data)|posts?\s+to|uploads?\s+to|webhook)\b", RegexOptions.NonBacktracking);

    public string Id => SurfaceRules.ToxicFlow.Id;

    public static ToolLabels Label(ToolSurface tool)
    {
        var tokens = Wording.Tokens(tool.Name);
        var labels = ToolLabels.None;
        if (tokens.Count == 0) return labels;
        var verb = tokens[0];
        var nouns = tokens.Skip(1).ToHashSet();
        bool reads = ReadVerbs.Contains(verb);
        var description = tool.Description ?? "";
        if (FetchVerbs.Contains(verb) || (reads && nouns.Overlaps(UntrustedNouns)) || (reads && UntrustedText.IsMatch(description))) labels |= ToolLabels.UntrustedInput;
        if (reads && nouns.Overlaps(PrivateNouns)) labels |= ToolLabels.PrivateData;
        if (SendVerbs.Contains(verb) || (verb is "create" or "make" && nouns.Overlaps(["issue", "comment", "message", "post", "gist", "webhook"])) || (!reads && SendText.IsMatch(description))) labels |= ToolLabels.Exfiltration;
        if (AnnotationContradictionDetector.DestructiveVerbs.Contains(verb) || tool.Annotations?.DestructiveHint == true && tool.Annotations.ReadOnlyHint != true) labels |= ToolLabels.Destructive;
        // a tool read from source also carries what its code does (fetches, reads files, sends, deletes)
        foreach (var capability in tool.CodeCapabilities)
        {
            labels |= capability switch
            {
                SourceToolCapabilities.UntrustedInput => ToolLabels.UntrustedInput,
                SourceToolCapabilities.PrivateData => ToolLabels.PrivateData,
                SourceToolCapabilities.Exfiltration => ToolLabels.Exfiltration,
                SourceToolCapabilities.Destructive => ToolLabels.Destructive,
                _ => ToolLabels.None,
            };
        }
        return labels;
    }

    public IEnumerable<Finding> Detect(SurfaceContext context)
    {
        var labelled = context.Servers.SelectMany(s => s.Tools.Select(t => (Server: s, Tool: t, Labels: Label(t)))).ToArray();
        var untrusted = labelled.Where(x => x.Labels.HasFlag(ToolLabels.UntrustedInput)).ToArray();
        var privateData = labelled.Where(x => x.Labels.HasFlag(ToolLabels.PrivateData)).ToArray();
        if (untrusted.Length == 0 || privateData.Length == 0) yield break;
        foreach (var sink in labelled.Where(x => x.Labels.HasFlag(ToolLabels.Exfiltration)))
        {
            var servers = new[] { sink.Server.Name }.Concat(untrusted.Select(x => x.Server.Name)).Concat(privateData.Select(x => x.Server.Name)).Distinct().Count();
            string Names((ServerSurface Server, ToolSurface Tool, ToolLabels Labels)[] tools) =>
                string.Join(", ", tools.Take(3).Select(x => $"{x.Server.Name}/{x.Tool.Name}")) + (tools.Length > 3 ? $" (+{tools.Length - 3})" : "");
            yield return SurfaceFindings.Create(SurfaceRules.ToxicFlow, SurfaceStrings.ToolPath(sink.Server, sink.Tool.Name),
                $"untrusted input ({Names(untrusted)}) + private data ({Names(privateData)}) can leave through '{sink.Server.Name}/{sink.Tool.Name}'",
                $"{Names(untrusted)} -> {Names(privateData)} -> {sink.Server.Name}/{sink.Tool.Name}",
                servers > 1 ? Severity.High
                // the tools of one server's source code, seen in isolation: a design note, the risk depends on the agent it joins
                : sink.Server.Name == SourceSurface.ServerName && sink.Server.Launcher.Transport == "source" ? Severity.Low
                : Severity.Medium);
        }
    }
}
