using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;

namespace McpSentinel.Core.Configs;

/// <summary>The rules of the config engine (built-in detectors, not YAML rules). Each has a hand-written page docs/rules/ID.md.</summary>
public static class ConfigRules
{
    private const string Owasp = "LLM03:2025";

    public static readonly RuleMetadata SecretProviderFormat = Rule("MCP-CONF-001", "Credential in an MCP client configuration",
        Categories.HardcodedSecret, Severity.High, Confidence.High,
        "A credential in a recognised provider format is written in clear in the server's env, arguments, headers or URL.",
        "MCP client configurations are plain files in the home directory or the repository; a token written in them is readable by every process of the user, ends up in backups and dotfile repositories, and in a project file is committed for everyone.",
        "Move the value to the environment or a secret store and reference it (${env:NAME}, ${input:id} in VS Code, env_keys in Goose, bearer_token_env_var in Codex). Revoke the exposed credential.",
        ["CWE-798", "CWE-312"], ["T1552.001"]);

    public static readonly RuleMetadata SecretHighEntropy = Rule("MCP-CONF-002", "High-entropy secret in an MCP server env var or header",
        Categories.HardcodedSecret, Severity.High, Confidence.Medium,
        "An environment variable or header named like a credential (TOKEN, KEY, SECRET, PASSWORD, AUTHORIZATION) holds a random-looking literal value.",
        "Credentials without a recognisable prefix are still credentials: a long, high-entropy value under a secret-like name is almost always an API key or password written in clear.",
        "Reference the value from the environment or a secret store instead of writing it in the file, and rotate it.",
        ["CWE-798"], ["T1552.001"]);

    public static readonly RuleMetadata UnpinnedNpx = Rule("MCP-CONF-003", "npx launches an unpinned package",
        Categories.SupplyChain, Severity.Medium, Confidence.High,
        "The server is started with npx (or bunx, pnpm dlx, yarn dlx) on a package without an exact version, or with @latest.",
        "Every start downloads whatever version the registry serves at that moment: a compromised or hijacked release runs with the user's rights the next time the client starts (a rug pull at the package level).",
        "Pin an exact version (npx -y @scope/server@1.2.3), or install the package and run it from a lock file.",
        ["CWE-494", "CWE-1357"], ["T1195.002"]);

    public static readonly RuleMetadata UnpinnedPython = Rule("MCP-CONF-004", "uvx / pipx runs an unpinned package",
        Categories.SupplyChain, Severity.Medium, Confidence.High,
        "The server is started with uvx, uv tool run or pipx run on a package without an exact ==version.",
        "Each start resolves the newest release from the index: a malicious release is executed automatically.",
        "Pin the version (uvx mcp-server-fetch==2025.4.7, uvx --from 'pkg==1.2.3' cmd, pipx run --spec pkg==1.2.3 cmd).",
        ["CWE-494", "CWE-1357"], ["T1195.002"]);

    public static readonly RuleMetadata UnpinnedImage = Rule("MCP-CONF-005", "Container image without a pinned tag or digest",
        Categories.SupplyChain, Severity.Medium, Confidence.High,
        "The server runs a container image with no tag, the :latest tag, or no digest pin.",
        "An untagged or :latest image changes under the same name; whoever can push to the repository decides what runs on the next start.",
        "Reference the image by digest (image@sha256:…) or at least by an immutable version tag.",
        ["CWE-494", "CWE-1357"], ["T1195.002"]);

    public static readonly RuleMetadata CurlPipeShell = Rule("MCP-CONF-006", "Server command pipes a download into a shell",
        Categories.SupplyChain, Severity.High, Confidence.High,
        "The server command downloads a script and pipes it straight into a shell (curl … | sh, wget … | bash, iwr … | iex).",
        "Whatever the URL serves at start time is executed unreviewed with the user's rights, on every start.",
        "Install the server once from a verified, pinned release and start the installed binary.",
        ["CWE-494", "CWE-78"], ["T1059.004", "T1105"]);

    public static readonly RuleMetadata PlainHttp = Rule("MCP-CONF-007", "Remote MCP server over plain HTTP",
        Categories.InsecureConfig, Severity.High, Confidence.High,
        "A remote server is reached over http:// on a non-loopback address.",
        "Tool calls, results and any Authorization header cross the network unencrypted: anyone on the path can read them and can inject tool definitions or results.",
        "Use https://. Plain http is acceptable only on loopback (localhost, 127.0.0.1, ::1).",
        ["CWE-319"], ["T1557"]);

    public static readonly RuleMetadata PrivilegedContainer = Rule("MCP-CONF-008", "Server container runs privileged or with host access",
        Categories.InsecureConfig, Severity.High, Confidence.High,
        "The server's container is started with --privileged, added capabilities, the host network or PID namespace, the Docker socket, or a mount of / or the home directory.",
        "A container is only a boundary while it is unprivileged and sees little of the host: with these options the MCP server (and anything that injects commands into it) controls the host.",
        "Drop --privileged, --cap-add, --network host and --pid host; mount only the folder the server needs, read-only where possible; never mount docker.sock.",
        ["CWE-250", "CWE-269"], ["T1611"]);

    public static readonly RuleMetadata BroadFilesystem = Rule("MCP-CONF-009", "Filesystem server rooted at / or the home directory",
        Categories.SensitiveFileAccess, Severity.High, Confidence.High,
        "A filesystem MCP server is given the root folder or the whole home directory.",
        "The model (and any prompt injection it reads) can read and write SSH keys, cloud credentials, browser profiles and dotfiles.",
        "Give the filesystem server only the project folders it needs.",
        ["CWE-732", "CWE-552"], ["T1005", "T1552.001"]);

    public static readonly RuleMetadata AutoApproval = Rule("MCP-CONF-010", "Tool calls approved automatically",
        Categories.InsecureConfig, Severity.Medium, Confidence.High,
        "The configuration approves MCP tool calls or servers without asking: alwaysAllow / autoApprove lists, \"trust\": true, or enableAllProjectMcpServers.",
        "Human confirmation is the last defence against tool poisoning and prompt injection; auto-approved tools run whatever the model decides, and enableAllProjectMcpServers starts any server a cloned repository declares.",
        "Remove auto-approval for tools that write, execute or reach the network; approve project servers one by one (enabledMcpjsonServers).",
        ["CWE-862"], ["T1204"]);

    public static readonly IReadOnlyList<RuleMetadata> All =
    [
        SecretProviderFormat, SecretHighEntropy, UnpinnedNpx, UnpinnedPython, UnpinnedImage,
        CurlPipeShell, PlainHttp, PrivilegedContainer, BroadFilesystem, AutoApproval,
    ];

    public static readonly IReadOnlyDictionary<string, RuleMetadata> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    private static RuleMetadata Rule(string id, string title, string category, Severity severity, Confidence confidence,
        string message, string description, string remediation, string[] cwe, string[] mitre) => new()
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
            Owasp = [Owasp],
            Mitre = mitre,
            References = ["https://modelcontextprotocol.io/specification/draft/basic/security_best_practices"],
            Languages = ["json", "toml", "yaml"],
        };
}
