using System.Collections.Immutable;
using System.Text.RegularExpressions;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Semantic.Syntax;

namespace McpSentinel.Semantic.Taint;

/// <summary>What a call does, for the read-only check and for the code-derived labels of a tool.</summary>
internal enum EffectKind
{
    ReadsFile,
    ReadsDatabase,
    FetchesUrl,
    WritesFile,
    DeletesFile,
    Executes,
    SendsRequest,
    SendsMail,
    WritesDatabase,
}

/// <summary>One side effect found in a handler or in a function it calls.</summary>
internal sealed record Effect(SyntaxNode Node, EffectKind Kind, string Description);

/// <summary>A flow that an MCP-SEM rule reports: where it ends, and the trace that led there.</summary>
internal sealed record LabelSite(SyntaxNode Node, RuleMetadata Rule, ImmutableList<TraceStep> Trace, string Message, Confidence Confidence, Severity Severity);

/// <summary>The MCP-specific checks on top of the taint analysis (MCP-SEM-*): labels reaching a tool's result or an
/// outgoing authorization header, and the side effects of tools that claim to be read-only.</summary>
internal abstract partial class TaintAnalyzer
{
    private const int MaxEffectDepth = 3;
    private readonly Dictionary<(int, string), LabelSite> _labelSites = [];
    private readonly Dictionary<string, HashSet<EffectKind>> _toolEffects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _toolsReturningContent = new(StringComparer.Ordinal);

    /// <summary>Verbs that name a read-only operation when a tool name starts with them.</summary>
    internal static readonly HashSet<string> ReadOnlyVerbs = new(StringComparer.Ordinal)
    {
        "get", "list", "read", "search", "find", "show", "describe", "view", "lookup", "browse", "count", "inspect", "fetch", "peek", "stat",
    };

    /// <summary>The handler being analysed at the top level (null inside a helper re-analysed for a call).</summary>
    protected (string Kind, string Name)? CurrentHandler { get; set; }

    [GeneratedRegex(@"(?i)(?:token|secret|passw(?:or)?d|passwd|api_?key|apikey|private_?key|(?:^|_)key(?:$|_)|credential|(?:^|_)auth(?:$|_)|session|cookie|dsn|database_url|conn(?:ection)?_?str)")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i)^(?:token|access_?token|auth_?token|api_?token|id_?token|bearer(?:_?token)?|authorization|auth|jwt|oauth_?token|user_?token)$")]
    private static partial Regex TokenName();

    [GeneratedRegex(@"(?i)^(?:introspect\w*|verify_?(?:access_?|id_?)?token|validate_?(?:access_?|id_?)?token|verify_?jwt|validate_?jwt|(?:check|verify|validate)_?audience)$")]
    private static partial Regex TokenValidator();

    /// <summary>A call that checks an incoming token was issued for this server: introspection, a verify/validate-token
    /// function, or a JWT decode/verify given an expected audience.</summary>
    protected static bool IsTokenValidation(string name, string method, bool hasAudience) =>
        TokenValidator().IsMatch(method) || (method is "decode" or "verify" or "jwtVerify" && hasAudience
            && (method == "jwtVerify" || name.Contains("jwt", StringComparison.OrdinalIgnoreCase) || name.Contains("jose", StringComparison.OrdinalIgnoreCase)));

    /// <summary><c>x.key</c> / <c>x["key"]</c>: a fixed-type field (and, where the language reads them this way, response
    /// metadata) of fetched content is not the content; one non-secret entry of the environment is not the environment; a
    /// token-named argument or the Authorization header is an incoming token.</summary>
    protected Value KeyedRead(SyntaxNode at, SyntaxNode container, Value value, string? key, bool responseMetadataIsNotContent)
    {
        if (key is null) return value;
        if (value.Has(FlowLabel.ExternalContent) && (IsFixedTypeField(key) || (responseMetadataIsNotContent && IsResponseMetadata(key))))
            value = value.Without(FlowLabel.ExternalContent);
        if (value.Labels.TryGetValue(FlowLabel.Secret, out var secret) && secret[0].Note.StartsWith("the whole environment", StringComparison.Ordinal))
            value = IsSecretName(key) ? value.Without(FlowLabel.Secret).WithLabel(FlowLabel.Secret, Step(at, $"secret environment variable `{key}`")) : value.Without(FlowLabel.Secret);
        if (value.IsTainted && IsTokenName(key)) value = value.WithLabel(FlowLabel.IncomingToken, Step(at, $"incoming token `{key}`"));
        else if (key.Equals("authorization", StringComparison.OrdinalIgnoreCase) && container.Text.Contains("header", StringComparison.OrdinalIgnoreCase))
            value = value.WithLabel(FlowLabel.IncomingToken, Step(at, $"the incoming Authorization header `{at.Text}`"));
        return value;
    }

    /// <summary>True when an environment variable name looks like it holds a secret (<c>GITHUB_TOKEN</c>, <c>OPENAI_API_KEY</c>,
    /// <c>DB_PASSWORD</c>); <c>HOME</c>, <c>PATH</c>, <c>LANG</c>, <c>PORT</c> do not.</summary>
    internal static bool IsSecretName(string name) => SecretName().IsMatch(name);

    /// <summary>True when a parameter or argument name says it carries the caller's token.</summary>
    internal static bool IsTokenName(string name) => TokenName().IsMatch(name);

    /// <summary>JSON fields of a fixed, non-text type (ids, counts, states, timestamps, URLs): reading one of them from
    /// fetched content does not hand the content itself to the model.</summary>
    internal static bool IsFixedTypeField(string key)
    {
        var k = key.ToLowerInvariant();
        return k is "id" or "number" or "count" or "total" or "status" or "status_code" or "statuscode" or "state" or "ok" or "size" or "length"
                   or "sha" or "url" or "html_url" or "created_at" or "updated_at" or "closed_at" or "merged" or "draft" or "locked" or "stars"
                   or "stargazers_count" or "forks" or "forks_count" or "version" or "code" or "type" or "timestamp" or "date" or "total_count"
            || k.EndsWith("_count", StringComparison.Ordinal) || k.EndsWith("_id", StringComparison.Ordinal) || k.EndsWith("_at", StringComparison.Ordinal)
            || k.EndsWith("count", StringComparison.Ordinal) && k.Length > 5;
    }

    /// <summary>Attributes of a response object that are metadata, not the body.</summary>
    internal static bool IsResponseMetadata(string attribute) => attribute is "status_code" or "status" or "ok" or "reason" or "headers" or "elapsed"
        or "url" or "encoding" or "cookies" or "statusText" or "redirected" or "is_success" or "is_error" or "history" or "request";

    [GeneratedRegex(@"(?i)/(?:issues|pulls|comments|discussions|messages|posts|reviews|tweets|statuses|conversations|threads)(?:[/?#""'`$]|$)")]
    private static partial Regex UserContentUrl();

    /// <summary>Whether an HTTP response is third-party content: the destination is chosen by the tool input (any web page),
    /// or a read (GET) of an endpoint of user-written content (issues, pull requests, comments, messages, posts). A fixed
    /// API that the server's author chose, a host allow-listed by the server, or the response to the server's own write
    /// (creating an issue returns what the tool sent) is not.</summary>
    protected static bool IsUntrustedResponse(Value url, string urlText, bool read) => (url.IsTainted && !url.OriginFixed) || (read && UserContentUrl().IsMatch(urlText));

    /// <summary>A value read from external content: tags it with <see cref="FlowLabel.ExternalContent"/>.</summary>
    protected Value ContentSource(Value value, SyntaxNode at, string what) => value.WithLabel(FlowLabel.ExternalContent, Step(at, what));

    /// <summary>Called for every value a tool handler returns (at the top level of the handler): reports external
    /// content and secrets that reach the model.</summary>
    protected void ResultSink(SyntaxNode at, Value value)
    {
        if (CurrentHandler is not { Kind: "tool" } handler) return;
        if (value.Labels.TryGetValue(FlowLabel.ExternalContent, out var content))
        {
            _toolsReturningContent.Add(handler.Name);
            bool fromFile = content[0].Note.StartsWith("contents of a file", StringComparison.Ordinal);
            RecordLabel(at, McpRules.UntrustedContent, content, $"returned by tool `{handler.Name}` to the model",
                $"{content[0].Note} (line {content[0].Line}) is returned by tool `{handler.Name}` to the model as it is; text in it can instruct the model (indirect prompt injection).",
                fromFile ? Confidence.Low : Confidence.Medium, fromFile ? Severity.Low : Severity.Medium);
        }
        if (value.Labels.TryGetValue(FlowLabel.Secret, out var secret))
        {
            RecordLabel(at, McpRules.SecretInResult, secret, $"returned by tool `{handler.Name}` to the model",
                $"{secret[0].Note} (line {secret[0].Line}) is returned by tool `{handler.Name}` to the model.", Confidence.High, Severity.High);
        }
    }

    /// <summary>Called for the headers (or auth option) of every outgoing HTTP request: an incoming token there is passthrough.</summary>
    protected void TokenSink(SyntaxNode call, Value headers, string description)
    {
        if (!headers.Labels.TryGetValue(FlowLabel.IncomingToken, out var token)) return;
        RecordLabel(call, McpRules.TokenPassthrough, token, $"is sent to {description}",
            $"{token[0].Note} (line {token[0].Line}) is forwarded to {description} without an audience/issuer check.", Confidence.Medium, Severity.High);
    }

    private void RecordLabel(SyntaxNode at, RuleMetadata rule, ImmutableList<TraceStep> trace, string note, string message, Confidence confidence, Severity severity)
    {
        var key = (at.Start, rule.Id);
        var full = trace.Add(Step(at, note));
        if (_labelSites.TryGetValue(key, out var existing) && existing.Trace.Count <= full.Count) return;
        _labelSites[key] = new LabelSite(at, rule, full, message, confidence, severity);
    }

    // ---- containment checks -------------------------------------------------------------------------------------

    /// <summary>Whether the prefix a resolved path is compared with ends with a path separator (<c>ROOT + os.sep</c>,
    /// <c>dir + path.sep</c>, <c>"/srv/data/"</c>, a variable assigned such a value): without it <c>/srv/data_evil</c> passes a
    /// check for <c>/srv/data</c> (CVE-2025-53110).</summary>
    protected bool EndsWithSeparator(SyntaxNode prefix, int depth = 0)
    {
        if (depth > 3) return false;
        switch (prefix.Type)
        {
            case "string":
            {
                var text = prefix.Text.TrimEnd('"', '\'');
                return text.EndsWith('/') || text.EndsWith("\\\\", StringComparison.Ordinal);
            }
            case "template_string":
                return prefix.Text.EndsWith("/`", StringComparison.Ordinal) || prefix.Text.EndsWith("sep}`", StringComparison.Ordinal);
            case "binary_operator" or "binary_expression":
            {
                var right = prefix.ChildByField("right");
                return right is not null && (right.Text is "os.sep" or "path.sep" or "os.path.sep" or "sep" or "\"/\"" or "'/'" or "path.posix.sep" || EndsWithSeparator(right, depth + 1));
            }
            case "parenthesized_expression":
                return prefix.NamedChildren.FirstOrDefault() is { } inner && EndsWithSeparator(inner, depth + 1);
            case "tuple" or "array":
            {
                var items = prefix.NamedChildren.ToList();
                return items.Count > 0 && items.All(i => EndsWithSeparator(i, depth + 1));
            }
            case "identifier":
            {
                var name = prefix.Text;
                foreach (var node in Root.DescendantsAndSelf())
                {
                    SyntaxNode? value = node.Type switch
                    {
                        "variable_declarator" when node.ChildByField("name")?.Text == name => node.ChildByField("value"),
                        "assignment" or "assignment_expression" when node.ChildByField("left")?.Text == name => node.ChildByField("right"),
                        _ => null,
                    };
                    if (value is not null && EndsWithSeparator(value, depth + 1)) return true;
                }
                return false;
            }
            default:
                return false;
        }
    }

    // ---- read-only mismatch -------------------------------------------------------------------------------------

    /// <summary>The side effect of one call, or null (language-specific; languages without it report no effects).</summary>
    protected virtual Effect? EffectOf(SyntaxNode call) => null;

    /// <summary>The syntax node types of a call in this language.</summary>
    protected virtual bool IsCallNode(SyntaxNode node) => node.Type is "call" or "call_expression";

    /// <summary>The same-file function a call invokes, if any.</summary>
    protected virtual SyntaxNode? SameFileCallee(SyntaxNode call) => null;

    /// <summary>Records the tool's side effects (for the surface engine's labels) and reports the first write, delete,
    /// command, send or database write of a tool that claims to be read-only.</summary>
    protected void CheckTool(SyntaxNode function, string toolName, SyntaxNode definition, bool annotatedReadOnly)
    {
        var effects = new List<(Effect Effect, ImmutableList<TraceStep> Path, TaintAnalyzer Owner)>();
        CollectEffects(function, [], effects, new HashSet<(string, int)>(), 0);
        var kinds = _toolEffects.TryGetValue(toolName, out var existing) ? existing : _toolEffects[toolName] = [];
        foreach (var (e, _, _) in effects) kinds.Add(e.Kind);

        var tokens = Core.Surface.Detectors.Wording.Tokens(toolName);
        bool namedReadOnly = tokens.Count > 0 && ReadOnlyVerbs.Contains(tokens[0]);
        if (!annotatedReadOnly && !namedReadOnly) return;
        foreach (var (effect, path, owner) in effects)
        {
            bool counts = effect.Kind switch
            {
                EffectKind.WritesFile or EffectKind.DeletesFile or EffectKind.WritesDatabase or EffectKind.SendsMail => true,
                // a command is not a write by itself (`git log`, `ps`): it contradicts only an explicit readOnlyHint
                EffectKind.Executes => annotatedReadOnly,
                // many read APIs use POST (GraphQL, search endpoints): a POST only contradicts an explicit readOnlyHint
                EffectKind.SendsRequest => annotatedReadOnly || !effect.Description.Contains("POST", StringComparison.Ordinal),
                _ => false,
            };
            if (!counts) continue;
            var claim = annotatedReadOnly ? $"tool `{toolName}` is annotated readOnlyHint=true" : $"tool `{toolName}` is named as a read-only operation (`{tokens[0]}`)";
            // the effect may sit in an imported file: its owner reports it (path, line and snippet of that file)
            var trace = ImmutableList.Create(Step(definition, claim)).AddRange(path).Add(owner.Step(effect.Node, effect.Description));
            var confidence = annotatedReadOnly ? (effect.Kind == EffectKind.Executes ? Confidence.Medium : Confidence.High)
                : effect.Kind == EffectKind.Executes ? Confidence.Low : Confidence.Medium;
            var key = (effect.Node.Start, McpRules.ReadOnlyMismatch.Id);
            if (!owner._labelSites.ContainsKey(key))
                owner._labelSites[key] = new LabelSite(effect.Node, McpRules.ReadOnlyMismatch, trace,
                    $"{claim} (line {definition.Line + 1}), but its handler {effect.Description}.", confidence,
                    annotatedReadOnly ? Severity.High : Severity.Medium);
            return; // one finding per tool: the first side effect in source order
        }
    }

    private void CollectEffects(SyntaxNode function, ImmutableList<TraceStep> path, List<(Effect, ImmutableList<TraceStep>, TaintAnalyzer)> effects, HashSet<(string, int)> visited, int depth)
    {
        if (!visited.Add((File.Path, function.Start))) return;
        var body = function.ChildByField("body") ?? function;
        foreach (var node in body.DescendantsAndSelf())
        {
            if (!IsCallNode(node)) continue;
            if (EffectOf(node) is { } effect) effects.Add((effect, path, this));
            else if (depth < MaxEffectDepth && SameFileCallee(node) is { } callee)
                CollectEffects(callee, path.Add(Step(node, $"calls `{node.ChildByField("function")?.Text}()`")), effects, visited, depth + 1);
            else if (depth < MaxEffectDepth && node.ChildByField("function") is { Type: "identifier" } name && ImportedFunction(name.Text) is { } imported)
                imported.Analyzer.CollectEffects(imported.Function, path.Add(Step(node, $"calls `{name.Text}()` imported from {imported.Analyzer.File.Path}")), effects, visited, depth + 1);
        }
    }

    /// <summary>What each tool's code does, by tool name: feeds the surface engine's toxic-flow labels.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToolCapabilities()
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (tool, kinds) in _toolEffects)
        {
            var caps = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var k in kinds)
            {
                switch (k)
                {
                    // a fetch alone is not untrusted input (a fixed API, a status probe): returning third-party content is (below)
                    case EffectKind.ReadsFile or EffectKind.ReadsDatabase: caps.Add(SourceToolCapabilities.PrivateData); break;
                    case EffectKind.SendsRequest or EffectKind.SendsMail: caps.Add(SourceToolCapabilities.Exfiltration); break;
                    case EffectKind.DeletesFile: caps.Add(SourceToolCapabilities.Destructive); break;
                    case EffectKind.WritesFile or EffectKind.WritesDatabase: caps.Add(SourceToolCapabilities.Writes); break;
                    case EffectKind.Executes: caps.Add(SourceToolCapabilities.Executes); break;
                }
            }
            if (_toolsReturningContent.Contains(tool)) caps.Add(SourceToolCapabilities.UntrustedInput);
            result[tool] = caps.ToArray();
        }
        foreach (var tool in _toolsReturningContent.Where(t => !result.ContainsKey(t))) result[tool] = [SourceToolCapabilities.UntrustedInput];
        return result;
    }

    private IEnumerable<Finding> LabelFindings() => _labelSites.Values.OrderBy(s => s.Node.Start).ThenBy(s => s.Rule.Id, StringComparer.Ordinal).Select(site =>
    {
        var end = File.Lines.LineOf(site.Node.End);
        return new Finding
        {
            Fingerprint = "",
            RuleId = site.Rule.Id,
            Title = site.Rule.Title,
            Category = site.Rule.Category,
            Severity = site.Severity,
            Confidence = site.Confidence,
            Engine = SemanticEngine.EngineName,
            Message = site.Message,
            Remediation = site.Rule.Remediation,
            Location = new Location(File.Path, site.Node.Line + 1, site.Node.Column + 1, end + 1, site.Node.End - File.Lines.LineStart(end) + 1),
            Evidence = Snippet(site.Node),
            Cwe = site.Rule.Cwe,
            Owasp = site.Rule.Owasp,
            Mitre = site.Rule.Mitre,
            References = [site.Rule.HelpUri],
            Trace = site.Trace,
        };
    });
}
