using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Scanning;
using McpSentinel.Semantic.Syntax;

namespace McpSentinel.Semantic.Taint;

/// <summary>A sink call the analysis reached, with the worst value that reached its dangerous argument.</summary>
internal sealed class SinkSite(SyntaxNode node, RuleMetadata rule, string description)
{
    public SyntaxNode Node { get; } = node;
    public RuleMetadata Rule { get; } = rule;
    public string Description { get; } = description;
    public Value Worst { get; set; } = Value.Constant;
}

/// <summary>The language-independent part of the intra-file taint analysis: function table, per-call analysis of same-file
/// callees with tainted arguments (bounded depth, memoised), sink bookkeeping, and turning sink verdicts into findings.
/// Language subclasses walk their own syntax trees.</summary>
internal abstract partial class TaintAnalyzer
{
    private const int MaxCallDepth = 3;
    private readonly Dictionary<(int, RuleMetadata), SinkSite> _sinks = [];
    private readonly Dictionary<(int, string), Value> _summaries = [];
    private readonly HashSet<(int, string)> _inProgress = [];
    private int _depth;

    protected TaintAnalyzer(SourceFile file, SyntaxNode root)
    {
        File = file;
        Root = root;
    }

    protected SourceFile File { get; }
    protected SyntaxNode Root { get; }
    protected Dictionary<string, SyntaxNode> Functions { get; } = new(StringComparer.Ordinal);
    protected Env Globals { get; set; } = new();

    /// <summary>Within the current function: variables that are a parsed form of another variable, so a check on one is a
    /// check on the other — <c>("url", u)</c> for <c>urlsplit(u)</c> / <c>new URL(u)</c>, <c>("relative", p)</c> for
    /// <c>path.relative(root, p)</c>.</summary>
    protected Dictionary<string, (string Kind, string Source)> Origins { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Host attributes of a parsed URL: membership of one of them in an allow-list is a host allow-list check.</summary>
    protected static readonly HashSet<string> HostAttributes = new(StringComparer.Ordinal) { "hostname", "host", "netloc", "origin" };

    /// <summary>A host allow-list check on <c>parsed.hostname</c>: guards the parsed URL and the variable it was parsed from.</summary>
    protected IEnumerable<string> HostGuardTargets(string parsed)
    {
        yield return parsed;
        if (Origins.TryGetValue(parsed, out var origin) && origin.Kind == "url") yield return origin.Source;
    }

    /// <summary>Analyses the whole file: module level, then every function (handlers with their parameters as sources).</summary>
    public abstract void Run(CancellationToken cancellationToken);

    /// <summary>Analyses one function body with the given parameter values and returns the joined value of its returns.</summary>
    protected abstract Value AnalyzeFunction(SyntaxNode function, IReadOnlyList<Value?> arguments, IReadOnlyDictionary<string, Value> keywordArguments);

    /// <summary>Calls a same-file function with the argument values: re-analyses it when a tainted value goes in (so sinks inside
    /// it see the caller's taint), and returns what it returns.</summary>
    protected Value CallSameFile(SyntaxNode function, string name, SyntaxNode callSite, IReadOnlyList<Value?> arguments, IReadOnlyDictionary<string, Value> keywordArguments)
    {
        bool anyTainted = arguments.Any(a => a?.IsTainted == true) || keywordArguments.Values.Any(v => v.IsTainted);
        if (!anyTainted)
        {
            var passed = Value.Join(arguments.Where(a => a is not null).Select(a => a!).Concat(keywordArguments.Values).Append(Value.Unknown));
            var plain = PlainReturn(function);
            return plain.HasLabels ? passed with { Labels = Value.Join(passed, Through(plain, callSite, () => $"returned by `{name}()`")).Labels } : passed;
        }
        var key = (function.Start, string.Join(",", arguments.Select(a => a?.Kind.ToString() ?? "-")) + "|" + string.Join(",", keywordArguments.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => k.Key + "=" + k.Value.Kind)));
        if (_summaries.TryGetValue(key, out var cached)) return cached;
        if (_depth >= MaxCallDepth || !_inProgress.Add(key)) return Value.Join(arguments.Where(a => a is not null).Select(a => a!).Concat(keywordArguments.Values));
        _depth++;
        var handler = CurrentHandler;
        CurrentHandler = null; // a helper's returns are not the tool's result: the caller's return is
        try
        {
            var step = Step(callSite, $"passed to `{name}()`");
            var args = arguments.Select(a => a?.With(step)).ToList();
            var kwargs = keywordArguments.ToDictionary(k => k.Key, k => k.Value.With(step), StringComparer.Ordinal);
            var result = Through(AnalyzeFunction(function, args, kwargs), callSite, () => $"returned by `{name}()`");
            _summaries[key] = result;
            return result;
        }
        finally
        {
            CurrentHandler = handler;
            _depth--;
            _inProgress.Remove(key);
        }
    }

    private readonly Dictionary<int, Value> _plainReturns = [];

    /// <summary>What a same-file function returns when nothing tainted goes in (analysed once, on first use): its labels
    /// (fetched content, secrets) still reach the caller.</summary>
    private Value PlainReturn(SyntaxNode function)
    {
        if (_plainReturns.TryGetValue(function.Start, out var cached)) return cached;
        if (_depth >= MaxCallDepth) return Value.Unknown;
        _plainReturns[function.Start] = Value.Unknown; // recursion guard
        _depth++;
        var handler = CurrentHandler;
        CurrentHandler = null;
        try
        {
            var result = AnalyzeFunction(function, [Value.Unknown], new Dictionary<string, Value>());
            _plainReturns[function.Start] = result;
            return result;
        }
        finally
        {
            CurrentHandler = handler;
            _depth--;
        }
    }

    /// <summary>Records that <paramref name="value"/> reaches the dangerous argument of a sink call.</summary>
    protected void Sink(SyntaxNode call, RuleMetadata rule, Value value, string description)
    {
        var key = (call.Start, rule);
        if (!_sinks.TryGetValue(key, out var site)) _sinks[key] = site = new SinkSite(call, rule, description);
        if (value.Kind > site.Worst.Kind || (value.IsTainted && site.Worst.IsTainted && value.Trace.Count < site.Worst.Trace.Count)) site.Worst = value;
    }

    /// <summary>Adds a trace step to a tainted value (the step is only built for tainted values).</summary>
    protected Value Through(Value value, SyntaxNode at, Func<string> note) => value.IsTainted || value.HasLabels ? value.With(Step(at, note())) : value;

    protected TraceStep Step(SyntaxNode node, string note) =>
        new(File.Path, node.Line + 1, node.Column + 1, Snippet(node), note);

    protected string Snippet(SyntaxNode node)
    {
        var line = File.LineText(node.Line).Trim();
        return line.Length > 160 ? line[..160] + "…" : line;
    }

    public IReadOnlyList<Finding> Findings()
    {
        var findings = new List<Finding>();
        foreach (var site in _sinks.Values.Where(s => s.Worst.IsTainted).OrderBy(s => s.Node.Start))
        {
            var source = site.Worst.Trace[0];
            var trace = site.Worst.Trace.Add(Step(site.Node, $"reaches {site.Description}"));
            var end = File.Lines.LineOf(site.Node.End);
            int endColumn = site.Node.End - File.Lines.LineStart(end) + 1;
            findings.Add(new Finding
            {
                Fingerprint = "",
                RuleId = site.Rule.Id,
                Title = site.Rule.Title,
                Category = site.Rule.Category,
                Severity = site.Rule.Severity,
                Confidence = site.Rule.Confidence,
                Engine = SemanticEngine.EngineName,
                Message = $"{source.Note} (line {source.Line}) reaches {site.Description} without a sanitiser or guard.",
                Remediation = site.Rule.Remediation,
                Location = new Location(File.Path, site.Node.Line + 1, site.Node.Column + 1, end + 1, endColumn),
                Evidence = Snippet(site.Node),
                Cwe = site.Rule.Cwe,
                Owasp = site.Rule.Owasp,
                Mitre = site.Rule.Mitre,
                References = [site.Rule.HelpUri],
                Trace = trace,
            });
        }
        findings.AddRange(LabelFindings());
        return findings;
    }

    /// <summary>Sink lines with a verdict: tainted ones, and those proven safe (constant / sanitised / argv). Sinks whose
    /// argument has an unknown origin get no verdict, so other engines' findings there stand.</summary>
    public IReadOnlyList<JudgedSink> JudgedSinks() => _sinks.Values
        .Where(s => s.Worst.Kind != ValueKind.Unknown)
        .Select(s => new JudgedSink(File.Path, s.Node.Line + 1, s.Rule.Category))
        .Distinct()
        .ToArray();

    /// <summary>The dotted name of a callee built only from identifiers and attribute/member accesses (e.g. <c>subprocess.run</c>), else null.</summary>
    protected static string? DottedName(SyntaxNode node)
    {
        switch (node.Type)
        {
            case "identifier" or "property_identifier" or "this" or "self":
                return node.Text;
            case "attribute" or "member_expression":
                var obj = node.ChildByField("object");
                var prop = node.ChildByField(node.Type == "attribute" ? "attribute" : "property");
                if (obj is null || prop is null) return null;
                var left = DottedName(obj);
                return left is null ? null : left + "." + prop.Text;
            default:
                return null;
        }
    }

    /// <summary>Guards of "a and b" / "a or b" (each side already evaluated with <paramref name="polarity"/>). When the
    /// connective is a conjunction on the branch in question (and-true, or-false), each side's guard for that branch holds;
    /// for the other branch a guard holds only when both sides give it (e.g. <c>x == "a" or x == "b"</c>).</summary>
    protected static List<(string Name, bool Positive)> Connective(bool isAnd, List<(string Name, bool Positive)> left, List<(string Name, bool Positive)> right, bool polarity)
    {
        bool conjunctive = isAnd == polarity;
        return left.Concat(right).Where(g => g.Positive == conjunctive)
            .Concat(left.Where(g => g.Positive != conjunctive && right.Contains(g)))
            .Distinct().ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#\s{}$]+[/?#]")]
    private static partial System.Text.RegularExpressions.Regex FixedOriginPattern();

    /// <summary>A value built from this constant prefix has a fixed scheme and host: the rest cannot redirect the request.</summary>
    protected static Value WithOrigin(Value value, string? constantPrefix) =>
        constantPrefix is not null && value.IsTainted && FixedOriginPattern().IsMatch(constantPrefix) ? value with { OriginFixed = true } : value;

    /// <summary>The value an SSRF sink sees: tainted input confined to the path or query of a fixed origin is not SSRF.
    /// A constant URL gets no verdict (a hard-coded URL can itself be the finding, e.g. the cloud metadata address).</summary>
    protected static Value UrlValue(Value url) =>
        url.IsTainted && url.OriginFixed ? Value.Sanitized : url.Kind == ValueKind.Constant ? Value.Unknown : url;

    protected static string LastSegment(string dotted)
    {
        int i = dotted.LastIndexOf('.');
        return i < 0 ? dotted : dotted[(i + 1)..];
    }
}
