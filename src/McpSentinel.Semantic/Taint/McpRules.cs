using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;

namespace McpSentinel.Semantic.Taint;

/// <summary>The semantic engine's MCP-specific checks (beyond tool-input taint): what a tool hands back to the model,
/// what a read-only tool really does, and where incoming credentials go. Ids are stable; each has a hand-written page in docs/rules/.</summary>
public static class McpRules
{
    public static readonly RuleMetadata UntrustedContent = Rule("MCP-SEM-UNTRUSTED-001", "Tool returns untrusted external content to the model", Categories.PromptInjection,
        Severity.Medium, Confidence.Medium, ["CWE-1427", "CWE-74"], ["LLM01:2025"], "AML.T0051",
        "A tool handler returns text that third parties write (an HTTP response body, an issue or pull-request body, an e-mail, a file read from a tool-chosen path) to the model as it is.",
        "Whoever writes that text can put instructions in front of the model (indirect prompt injection). Return only what the tool needs (status, counts, parsed fields of a fixed type), summarise or fence the content, and keep tools that read untrusted content away from tools that can act on private data.");

    public static readonly RuleMetadata ReadOnlyMismatch = Rule("MCP-SEM-READONLY-001", "Read-only tool writes, deletes, executes or sends", Categories.ToolPoisoning,
        Severity.High, Confidence.High, ["CWE-451", "CWE-284"], ["LLM06:2025"], "T1565",
        "A tool annotated readOnlyHint=true, or named as a read-only operation (get_, list_, read_, search_ …), has a handler that writes or deletes files, runs commands, sends non-GET HTTP requests, sends e-mail or writes to a database.",
        "Clients auto-approve read-only tools and users trust their names: make the annotation and name say what the code does (readOnlyHint=false, destructiveHint=true), or move the side effect into a separate, clearly named tool.");

    public static readonly RuleMetadata SecretInResult = Rule("MCP-SEM-SECRET-001", "Tool returns a secret or the environment to the model", Categories.CredentialExposure,
        Severity.High, Confidence.High, ["CWE-200", "CWE-526"], ["LLM02:2025"], "T1552",
        "A tool handler returns the whole process environment (os.environ, process.env) or the value of a secret-looking environment variable (*_TOKEN, *_KEY, *SECRET*, *PASSWORD*) to the model.",
        "Everything a tool returns is read by the model and may be repeated to anyone who can talk to it (or exfiltrated by a prompt injection). Return only the non-secret values the tool needs; use secrets for outgoing requests, never as results.");

    public static readonly RuleMetadata TokenPassthrough = Rule("MCP-SEM-TOKEN-001", "Incoming token passed through to a downstream API", Categories.CredentialExposure,
        Severity.High, Confidence.Medium, ["CWE-441", "CWE-287"], ["LLM06:2025"], "T1550",
        "A handler forwards a token it received (a tool argument named like a token, the incoming Authorization header) to a downstream API as an authorization header, without validating its audience or issuer.",
        "The MCP authorization spec forbids token passthrough: validate that the token was issued for this server (audience/issuer, e.g. jwt.decode(..., audience=...) or token introspection) and obtain a separate token for the downstream API.");

    public static readonly IReadOnlyList<RuleMetadata> All = [UntrustedContent, ReadOnlyMismatch, SecretInResult, TokenPassthrough];

    private static RuleMetadata Rule(string id, string title, string category, Severity severity, Confidence confidence, string[] cwe, string[] owasp, string mitre, string description, string remediation) => new()
    {
        Id = id,
        Title = title,
        Category = category,
        Severity = severity,
        Confidence = confidence,
        Message = description,
        Description = description + " Found by the semantic engine (see the finding's trace).",
        Remediation = remediation,
        Cwe = cwe,
        Owasp = owasp,
        Mitre = [mitre],
        Languages = ["python", "javascript", "typescript"],
    };
}
