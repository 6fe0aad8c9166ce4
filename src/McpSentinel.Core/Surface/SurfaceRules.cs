using System.Collections.Frozen;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;

namespace McpSentinel.Core.Surface;

/// <summary>Metadata of the surface detectors (MCP-SURF-*) and of the pin comparison (MCP-PIN-*). Each id has a
/// hand-written page in docs/rules/&lt;ID&gt;.md.</summary>
public static class SurfaceRules
{
    private static readonly string[] PoisoningOwasp = ["LLM01:2025"];

    public static readonly RuleMetadata HiddenUnicode = Rule("MCP-SURF-001", "Hidden Unicode in a server's surface (decoded and shown)", Categories.ToolPoisoning, Severity.High, Confidence.High,
        "Surface text contains characters a person cannot see (Unicode tag characters, bidi controls, zero-width or other format characters).",
        "Tag characters (U+E0000–U+E007F) spell ASCII text that is invisible in every UI but read by the model; bidi controls reorder what a reviewer sees; zero-width characters split words so filters miss them. The finding shows the decoded text.",
        "Remove the hidden characters; do not install a server whose tool text hides instructions.", ["CWE-1427", "CWE-116"]);

    public static readonly RuleMetadata AnsiEscape = Rule("MCP-SURF-002", "ANSI terminal escape sequence in a server's surface", Categories.ToolPoisoning, Severity.High, Confidence.High,
        "Surface text contains a raw ANSI escape sequence (ESC [ or ESC ]).",
        "Terminal clients render ANSI escapes: text can be hidden (conceal, cursor moves, colour on same colour), links rewritten (OSC 8) or the clipboard written (OSC 52), while the model still reads it.",
        "Remove escape sequences from tool, prompt and resource text.", ["CWE-150"]);

    public static readonly RuleMetadata HtmlComment = Rule("MCP-SURF-003", "HTML comment hidden in a server's surface", Categories.ToolPoisoning, Severity.Medium, Confidence.Medium,
        "Surface text contains an HTML comment, which Markdown renderers hide from people but the model reads.",
        "Clients render descriptions as Markdown: <!-- … --> disappears from the screen but reaches the model verbatim, a classic place to hide instructions.",
        "Remove the comment; put documentation in visible text.", ["CWE-1427"]);

    public static readonly RuleMetadata Base64Instructions = Rule("MCP-SURF-004", "Base64 blob in a server's surface that decodes to instructions", Categories.ToolPoisoning, Severity.High, Confidence.Medium,
        "Surface text carries a base64 blob that decodes to readable instructions.",
        "Encoding instructions in base64 hides them from people and from keyword filters; models decode base64 readily.",
        "Remove the encoded payload; review the server's origin.", ["CWE-1427", "CWE-116"]);

    public static readonly RuleMetadata OversizeDescription = Rule("MCP-SURF-005", "Oversize description in a server's surface", Categories.ToolPoisoning, Severity.Low, Confidence.Medium,
        "A description is far longer than a tool needs (long text is where injected instructions hide, and it crowds the context).",
        "Tool descriptions are normally a few sentences. Thousands of characters push instructions out of sight in client UIs that show only the first lines.",
        "Shorten the description; move documentation elsewhere.", ["CWE-1427"]);

    public static readonly RuleMetadata SideChannelParameter = Rule("MCP-SURF-006", "Side-channel parameter that asks for file contents, secrets or the conversation", Categories.ToolPoisoning, Severity.High, Confidence.Medium,
        "A tool parameter (e.g. sidenote, context, feedback) asks the model to fill it with file contents, credentials, the system prompt or the conversation.",
        "A parameter the tool does not need, described as 'pass the contents of ~/.ssh/id_rsa' or 'include the previous messages', exfiltrates data through an ordinary tool call.",
        "Remove the parameter; never install a server that requests data unrelated to its function.", ["CWE-200", "CWE-1427"]);

    public static readonly RuleMetadata CrossServerMention = Rule("MCP-SURF-007", "Description refers to another server's tool (cross-server shadowing)", Categories.ToolShadowing, Severity.High, Confidence.Medium,
        "A description on one server names a tool of another server, which lets it change how the agent uses that other tool.",
        "Descriptions of all connected servers share one context: a malicious server can redirect or modify calls to a trusted server's tool (for example 'when using send_email always BCC …') without ever being called.",
        "Remove the reference; a server has no reason to talk about tools it does not own.", ["CWE-1427"]);

    public static readonly RuleMetadata DuplicateToolName = Rule("MCP-SURF-008", "The same tool name on two servers", Categories.ToolShadowing, Severity.Medium, Confidence.High,
        "Two servers expose a tool with the same name; the agent may call the wrong one.",
        "Clients disambiguate same-named tools inconsistently; a later server can shadow a trusted tool and receive its arguments.",
        "Rename one of the tools or disconnect one server.", ["CWE-694"]);

    public static readonly RuleMetadata ConfusableToolName = Rule("MCP-SURF-009", "Lookalike (confusable) tool name", Categories.ToolShadowing, Severity.High, Confidence.Medium,
        "Two tool names look the same to a person but differ (homoglyphs, 0/o, 1/l, rn/m, - vs _), or a name mixes scripts.",
        "A lookalike name impersonates a trusted tool: reviewers and models cannot tell them apart.",
        "Rename the tool with plain, distinct ASCII; remove the server that impersonates another.", ["CWE-1007"]);

    public static readonly RuleMetadata AnnotationContradiction = Rule("MCP-SURF-010", "Tool annotations contradict the tool's name", Categories.ToolPoisoning, Severity.High, Confidence.Medium,
        "The tool claims to be read-only or non-destructive, but its name says it deletes, writes or executes.",
        "Clients auto-approve tools annotated readOnlyHint=true; a destructive tool that claims to be read-only runs without the user's confirmation.",
        "Fix the annotations (readOnlyHint=false, destructiveHint=true); never trust annotations from an untrusted server.", ["CWE-451"]);

    public static readonly RuleMetadata ToxicFlow = Rule("MCP-SURF-011", "Toxic flow: untrusted input, private data and an outbound channel in one agent", Categories.ToxicFlow, Severity.Medium, Confidence.Low,
        "The tools connected together can read untrusted content, read private data and send data out: a prompt injection in the untrusted content can exfiltrate the private data.",
        "Labels are assigned offline from tool names, descriptions and annotations. Any path untrusted input → private data → exfiltration is the 'lethal trifecta' that indirect prompt injection exploits.",
        "Split the servers across agents, require confirmation for the outbound tool, or remove one leg of the flow.", ["CWE-200"]);

    public static readonly RuleMetadata PinNewItem = Rule("MCP-PIN-001", "Server surface changed since pinning: new tool, prompt or resource", Categories.RugPull, Severity.High, Confidence.High,
        "The server advertises an item that is not in the lock file.",
        "A server that changes what it offers after it was reviewed (a rug pull) can add a tool that was never approved.",
        "Review the change; if it is expected, run `mcp-sentinel pin` again.", ["CWE-494"]);

    public static readonly RuleMetadata PinSchemaChanged = Rule("MCP-PIN-002", "Server surface changed since pinning: parameters, schema or annotations", Categories.RugPull, Severity.Medium, Confidence.High,
        "A tool's parameters, input/output schema or annotations differ from the lock file (a new parameter is high).",
        "A new parameter is the usual way a rug pull starts collecting data; changed annotations can make a tool auto-approved.",
        "Review the change; if it is expected, run `mcp-sentinel pin` again.", ["CWE-494"]);

    public static readonly RuleMetadata PinTextChanged = Rule("MCP-PIN-003", "Server surface changed since pinning: description or instructions", Categories.RugPull, Severity.Medium, Confidence.High,
        "A description, title or the server instructions differ from the lock file (new imperative/concealment wording is high; whitespace-only changes are info).",
        "Tool text is read by the model as instructions; changing it after review changes the agent's behaviour.",
        "Review the new text; if it is expected, run `mcp-sentinel pin` again.", ["CWE-494"]);

    public static readonly RuleMetadata PinLauncherChanged = Rule("MCP-PIN-004", "Server launcher or URL changed since pinning", Categories.RugPull, Severity.High, Confidence.High,
        "The command, arguments or URL used to reach the server differ from the lock file.",
        "A different package, version or endpoint is a different server, whatever its tools say.",
        "Review the new launcher; if it is expected, run `mcp-sentinel pin` again.", ["CWE-494"]);

    public static readonly RuleMetadata PinItemRemoved = Rule("MCP-PIN-005", "Server surface changed since pinning: item removed", Categories.RugPull, Severity.Low, Confidence.High,
        "A tool, prompt or resource in the lock file is no longer advertised.",
        "Removals are rarely dangerous but mean the surface that was reviewed is not the one running.",
        "Run `mcp-sentinel pin` again once reviewed.", ["CWE-494"]);

    public static readonly RuleMetadata PinUnpinnedServer = Rule("MCP-PIN-006", "Server is not in the lock file", Categories.RugPull, Severity.Medium, Confidence.High,
        "A scanned server has no entry in the lock file, so its surface was never pinned.",
        "Without a pin, a later change of the server's surface goes unnoticed.",
        "Run `mcp-sentinel pin` for this server and commit the lock file.", ["CWE-494"]);

    public static readonly RuleMetadata PinIdentityDifference = Rule("MCP-PIN-007", "Server shows different client identities different surfaces", Categories.RugPull, Severity.High, Confidence.High,
        "Connected as several client names (clientInfo in initialize), the server advertised different tools, prompts, resources or instructions to some of them.",
        "A server that tailors its surface to the client it detects can show a scanner or a reviewer's client a clean surface and a real agent a poisoned one; a review of one client's view says nothing about the others.",
        "Find out why the server varies its surface by client; review every variant, and do not install a server that hides tools from some clients.", ["CWE-494", "CWE-451"]);

    public static readonly IReadOnlyList<RuleMetadata> All =
    [
        HiddenUnicode, AnsiEscape, HtmlComment, Base64Instructions, OversizeDescription, SideChannelParameter, CrossServerMention,
        DuplicateToolName, ConfusableToolName, AnnotationContradiction, ToxicFlow,
        PinNewItem, PinSchemaChanged, PinTextChanged, PinLauncherChanged, PinItemRemoved, PinUnpinnedServer, PinIdentityDifference,
    ];

    public static readonly FrozenDictionary<string, RuleMetadata> ById = All.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);

    private static RuleMetadata Rule(string id, string title, string category, Severity severity, Confidence confidence, string message, string description, string remediation, string[] cwe) => new()
    {
        Id = id,
        Title = title,
        Category = category,
        Severity = severity,
        Confidence = confidence,
        Message = message,
        Description = description,
        Remediation = remediation,
        Cwe = cwe,
        Owasp = category is Categories.ToolPoisoning or Categories.ToolShadowing ? PoisoningOwasp : [],
        References = ["https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks"],
    };
}
