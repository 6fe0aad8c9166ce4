using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;

namespace McpSentinel.Semantic.Taint;

/// <summary>The semantic engine's rules: one per sink kind. Ids are stable; each has a hand-written page in docs/rules/.</summary>
public static class TaintRules
{
    public static readonly RuleMetadata Command = Rule("MCP-TAINT-CMD-001", "Tool input reaches a shell command", Categories.CommandInjection,
        Severity.Critical, "CWE-78", "T1059",
        "An argument of an MCP tool (or HTTP request data) flows into a command run through a shell.",
        "Pass an argv list without a shell (subprocess.run([...]) / execFile / spawn without shell / Go exec.Command(prog, args...) / C# ProcessStartInfo.ArgumentList), or validate the value against an allow-list; shlex.quote every interpolated value if a shell is unavoidable.");

    public static readonly RuleMetadata Code = Rule("MCP-TAINT-CODE-001", "Tool input reaches code evaluation", Categories.CodeInjection,
        Severity.Critical, "CWE-95", "T1059",
        "An argument of an MCP tool (or HTTP request data) flows into eval/exec/Function/vm, which runs it as code.",
        "Never evaluate caller-supplied text. Parse data with a real parser (json.loads, ast.literal_eval, JSON.parse) or map names to functions through an allow-list.");

    public static readonly RuleMetadata Path = Rule("MCP-TAINT-PATH-001", "Tool input reaches a file path", Categories.PathTraversal,
        Severity.High, "CWE-22", "T1005",
        "An argument of an MCP tool (or HTTP request data) is used as a file path without a containment check, so '../' or an absolute path reaches any file the server can read or write.",
        "Resolve the path (os.path.realpath / Path.resolve / path.resolve / Go filepath.Abs / C# Path.GetFullPath) and check that it stays inside the allowed root (startswith(root + sep), is_relative_to, path.relative or filepath.Rel not starting with '..') before using it.");

    public static readonly RuleMetadata Ssrf = Rule("MCP-TAINT-SSRF-001", "Tool input reaches an outgoing request URL", Categories.Ssrf,
        Severity.High, "CWE-918", "T1090",
        "An argument of an MCP tool (or HTTP request data) becomes the URL of an outgoing HTTP request, letting the caller reach internal services and cloud metadata endpoints.",
        "Parse the URL and check its scheme and host against an allow-list before requesting it; block private, loopback and link-local addresses.");

    public static readonly RuleMetadata Sql = Rule("MCP-TAINT-SQL-001", "Tool input is built into SQL text", Categories.SqlInjection,
        Severity.High, "CWE-89", "T1190",
        "An argument of an MCP tool (or HTTP request data) is concatenated or formatted into the text of a SQL statement.",
        "Use parameterised queries (placeholders such as ?, %s, $1 or @name with separate parameters; EF Core FromSqlInterpolated) and never format values into SQL text.");

    public static readonly RuleMetadata Deserialization = Rule("MCP-TAINT-DESER-001", "Tool input reaches unsafe deserialization", Categories.UnsafeDeserialization,
        Severity.Critical, "CWE-502", "T1059",
        "An argument of an MCP tool (or HTTP request data) is deserialised with a loader that can construct arbitrary objects (pickle, yaml.load without SafeLoader, node-serialize).",
        "Use a data-only format and loader (json, yaml.safe_load) for anything a caller supplies.");

    public static readonly RuleMetadata Xss = Rule("MCP-TAINT-XSS-001", "Tool input is marked as trusted HTML", Categories.Xss,
        Severity.Medium, "CWE-79", "T1189",
        "An argument of an MCP tool (or HTTP request data) is wrapped as trusted markup (Go template.HTML, C# HtmlString / Html.Raw), so the template engine stops escaping it.",
        "Pass the value to the template as a plain string and let the engine escape it; sanitise with an HTML sanitiser if markup is really needed.");

    public static readonly IReadOnlyList<RuleMetadata> All = [Command, Code, Path, Ssrf, Sql, Deserialization, Xss];

    private static RuleMetadata Rule(string id, string title, string category, Severity severity, string cwe, string mitre, string description, string remediation) => new()
    {
        Id = id,
        Title = title,
        Category = category,
        Severity = severity,
        Confidence = Confidence.High,
        Message = description,
        Description = description + " Found by the semantic engine, which follows the value from its source to the sink (see the finding's trace).",
        Remediation = remediation,
        Cwe = cwe == "CWE-95" ? [cwe, "CWE-94"] : [cwe],
        Owasp = ["LLM05:2025"],
        Mitre = [mitre],
        Languages = ["python", "javascript", "typescript", "go", "csharp"],
    };
}
