using System.Text.RegularExpressions;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Text;

namespace McpSentinel.Core.Configs;

/// <summary>
/// The config engine's detectors over one parsed client configuration (MCP-CONF-001 … 010). Pure: nothing is launched,
/// nothing is read; every secret in evidence is masked.
/// </summary>
public sealed class ConfigAuditor
{
    public const string EngineName = "config";
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    private static readonly Regex PipeToShell = new(
        @"\b(?:curl|wget|fetch)\b[^|;&]*\|\s*(?:sudo\s+)?(?:ba|z|da|k|fi)?sh\b|\b(?:iwr|irm|invoke-webrequest|invoke-restmethod)\b[^|;]*\|\s*(?:iex|invoke-expression)\b",
        RegexOptions.IgnoreCase, Timeout);
    private static readonly Regex ExactSemver = new(@"^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.\-+]+)?$", RegexOptions.None, Timeout);
    private static readonly Regex PythonPin = new(@"===?\s*\d+(?:\.\d+)*(?:[-+.]?[0-9A-Za-z.]+)?$|@\d+(?:\.\d+)+\S*$", RegexOptions.None, Timeout);

    private static readonly HashSet<string> DockerValueOptions = new(StringComparer.Ordinal)
    {
        "-e", "--env", "-v", "--volume", "--name", "--network", "--net", "-p", "--publish", "--mount", "-w", "--workdir", "-u", "--user",
        "--entrypoint", "--cap-add", "--cap-drop", "--env-file", "-l", "--label", "--platform", "-m", "--memory", "--cpus", "--add-host",
        "--device", "--security-opt", "--pull", "--restart", "-h", "--hostname", "--tmpfs", "--ulimit", "--runtime", "--ipc", "--pid",
        "--log-driver", "--log-opt", "--dns", "--userns", "--uts", "--cgroupns", "--gpus", "--shm-size", "--stop-signal", "--expose",
    };

    private readonly ConfigSecretDetector _secrets;

    /// <summary>Client settings that approve servers or tool calls without asking, and the value that does it.</summary>
    private static readonly Dictionary<string, (string Value, string Message)> AutoApprovalSettings = new(StringComparer.Ordinal)
    {
        ["enableAllProjectMcpServers"] = ("true", "enableAllProjectMcpServers is true: every server declared in a project's .mcp.json starts without being approved."),
        ["chat.tools.autoApprove"] = ("true", "chat.tools.autoApprove is true: VS Code runs every tool, MCP tools included, without confirmation."),
        ["chat.tools.global.autoApprove"] = ("true", "chat.tools.global.autoApprove is true: VS Code runs every tool, MCP tools included, without confirmation."),
        ["approval_policy"] = ("never", "approval_policy = \"never\": Codex never asks before running commands or MCP tools."),
    };

    public ConfigAuditor(RuleSet? rules = null) => _secrets = new ConfigSecretDetector(rules);

    public IReadOnlyList<Finding> Audit(ClientConfig config)
    {
        var findings = new List<Finding>();
        var clientId = config.Client.Id;
        foreach (var setting in config.Settings)
        {
            if (AutoApprovalSettings.TryGetValue(setting.Key, out var rule) && string.Equals(setting.Value, rule.Value, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(Make(ConfigRules.AutoApproval, config, setting.Line, $"client:{clientId}/setting:{setting.Key}",
                    rule.Message, $"{setting.Key} = {setting.Value}"));
            }
        }
        foreach (var server in config.Servers)
        {
            var at = server.LogicalPath(clientId);
            Secrets(config, server, at, findings);
            Launchers(config, server, at, findings);
            Remote(config, server, at, findings);
            foreach (var approval in server.AutoApproval)
            {
                findings.Add(Make(ConfigRules.AutoApproval, config, approval.Line, $"{at}/{approval.Key}",
                    approval.Key == "trust"
                        ? $"Server '{server.Name}' is trusted: every tool call is confirmed automatically."
                        : $"Server '{server.Name}' auto-approves tool calls: {approval.Key} {Short(approval.Value)}.",
                    $"\"{approval.Key}\": {Short(approval.Value)}"));
            }
            // the server's exposure (risk factor) on every finding about it
            var exposure = Exposure(server);
            for (int i = 0; i < findings.Count; i++)
            {
                var logical = findings[i].Location.LogicalPath;
                if (logical is not null && (logical == at || logical.StartsWith(at + "/", StringComparison.Ordinal)))
                    findings[i] = Scanning.ExposureClassifier.WithExposure(findings[i], exposure);
            }
        }
        return findings;
    }

    /// <summary>How far the server can be reached: its URL (or the URL a stdio proxy such as mcp-remote connects to)
    /// and whether credentials are configured for it (header names, or a header passed on the proxy's command line).</summary>
    private static Model.RiskSignals Exposure(McpServerEntry server)
    {
        var url = server.Url?.Text;
        var args = server.EffectiveArgs;
        if (url is null)
        {
            int proxy = -1;
            for (int i = 0; i < args.Count && proxy < 0; i++)
            {
                if (args[i].Text.Contains("mcp-remote", StringComparison.OrdinalIgnoreCase) || args[i].Text.Contains("supergateway", StringComparison.OrdinalIgnoreCase)) proxy = i;
            }
            if (proxy >= 0) url = args.Skip(proxy + 1).Select(a => a.Text).FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || a.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        }
        var headers = server.Headers.Select(h => h.Key).Concat(args.Select(a => a.Text).Where(a => a.Contains(':', StringComparison.Ordinal) && !a.Contains("://", StringComparison.Ordinal)).Select(a => a[..a.IndexOf(':', StringComparison.Ordinal)]));
        return Scanning.ExposureClassifier.Classify(url, headers);
    }

    // ------------------------------------------------------------ secrets (001, 002)

    private void Secrets(ClientConfig config, McpServerEntry server, string at, List<Finding> findings)
    {
        var values = new List<(string Kind, string Name, string Value, int Line)>();
        values.AddRange(server.Env.Select(e => ("env", e.Key, e.Value, e.Line)));
        values.AddRange(server.Headers.Select(h => ("header", h.Key, h.Value, h.Line)));
        for (int i = 0; i < server.Args.Count; i++) values.Add(("arg", $"args[{i}]", server.Args[i].Text, server.Args[i].Line));
        if (server.Url is { } url) values.Add(("url", "url", url.Text, url.Line));
        if (server.Command is { } cmd) values.Add(("command", "command", cmd.Text, cmd.Line));

        foreach (var (kind, name, value, line) in values)
        {
            var where = kind is "env" or "header" ? $"{at}/{kind}:{name}" : $"{at}/{name}";
            if (_secrets.FindProviderSecret(name, value) is { } hit)
            {
                findings.Add(Make(ConfigRules.SecretProviderFormat, config, line, where,
                    $"{Capitalize(hit.Provider)} written in clear in {Describe(kind, name)} of server '{server.Name}'.",
                    Evidence(kind, name, ConfigSecretDetector.Masked(value, hit.Secret))));
                continue;
            }
            if (kind is "env" or "header" && ConfigSecretDetector.FindGenericSecret(name, value) is { } generic)
            {
                findings.Add(Make(ConfigRules.SecretHighEntropy, config, line, where,
                    $"{Describe(kind, name)} of server '{server.Name}' holds a random-looking literal: a credential written in clear.",
                    Evidence(kind, name, ConfigSecretDetector.Masked(value, generic))));
            }
            else if (kind == "url" && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Query.Length > 1)
            {
                foreach (var pair in uri.Query.TrimStart('?').Split('&'))
                {
                    var eq = pair.IndexOf('=');
                    if (eq <= 0) continue;
                    var key = pair[..eq];
                    var v = Uri.UnescapeDataString(pair[(eq + 1)..]);
                    if (ConfigSecretDetector.FindGenericSecret(key, v) is { } inQuery)
                    {
                        findings.Add(Make(ConfigRules.SecretHighEntropy, config, line, where,
                            $"The URL of server '{server.Name}' carries a credential in its query parameter '{key}'.",
                            Evidence(kind, name, ConfigSecretDetector.Masked(value, pair[(eq + 1)..].Length > 0 ? pair[(eq + 1)..] : inQuery))));
                        break;
                    }
                }
            }
        }
    }

    private static string Describe(string kind, string name) => kind switch
    {
        "env" => $"env var {name}",
        "header" => $"header {name}",
        "arg" => $"argument {name}",
        _ => name,
    };

    private static string Evidence(string kind, string name, string maskedValue) =>
        kind is "env" or "header" ? $"{name}={maskedValue}" : $"{name}: {maskedValue}";

    // ------------------------------------------------------------ launchers (003, 004, 005, 006, 008, 009)

    private void Launchers(ClientConfig config, McpServerEntry server, string at, List<Finding> findings)
    {
        var command = server.EffectiveCommand;
        var args = server.EffectiveArgs;
        if (command is null) return;
        var commandLine = string.Join(' ', new[] { command.Text }.Concat(args.Select(a => a.Text)));

        try
        {
            if (PipeToShell.IsMatch(commandLine))
            {
                var line = args.FirstOrDefault(a => PipeToShell.IsMatch(a.Text))?.Line ?? command.Line;
                findings.Add(Make(ConfigRules.CurlPipeShell, config, line, $"{at}/command", $"Server '{server.Name}' runs a downloaded script through a shell on every start.", Short(commandLine)));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // an absurd command line is not worth a timeout; other checks still run
        }

        switch (server.Launcher)
        {
            case Configs.Launchers.Npx:
                NpxPin(config, server, at, command, args, findings);
                break;
            case Configs.Launchers.Uvx:
                PythonPackagePin(config, server, at, command, args, findings);
                break;
            case Configs.Launchers.Docker:
                Docker(config, server, at, args, findings);
                break;
        }
        BroadFilesystem(config, server, at, args, findings);
    }

    private void NpxPin(ClientConfig config, McpServerEntry server, string at, ConfigValue command, IReadOnlyList<ConfigValue> args, List<Finding> findings)
    {
        int start = Configs.Launchers.BaseName(command.Text) is "pnpm" or "yarn" or "bun" or "npm" ? 1 : 0; // dlx / x / exec
        ConfigValue? package = null;
        for (int i = start; i < args.Count; i++)
        {
            var a = args[i].Text;
            if (a is "-p" or "--package") { if (i + 1 < args.Count) package = args[i + 1]; break; }
            if (a.StartsWith("--package=", StringComparison.Ordinal)) { package = args[i] with { Text = a["--package=".Length..] }; break; }
            if (a == "--") continue;
            if (a.StartsWith('-')) continue;
            package = args[i];
            break;
        }
        if (package is null) return;
        var spec = package.Text;
        if (IsLocalOrUrl(spec)) return;
        var (name, version) = SplitNpmSpec(spec);
        if (version is not null && ExactSemver.IsMatch(version)) return;
        var why = version is null ? "no version" : $"version '{version}'";
        findings.Add(Make(ConfigRules.UnpinnedNpx, config, package.Line, $"{at}/package:{name}",
            $"Server '{server.Name}' runs npm package {name} with {why}: each start may fetch a different release.",
            Short(string.Join(' ', new[] { command.Text }.Concat(args.Select(a => a.Text))))));
    }

    private static (string Name, string? Version) SplitNpmSpec(string spec)
    {
        int at = spec.StartsWith('@') ? spec.IndexOf('@', 1) : spec.IndexOf('@');
        return at < 0 ? (spec, null) : (spec[..at], spec[(at + 1)..]);
    }

    private static bool IsLocalOrUrl(string spec) =>
        spec.StartsWith('.') || spec.StartsWith('/') || spec.StartsWith('~') || spec.Contains("://", StringComparison.Ordinal)
        || spec.StartsWith("file:", StringComparison.Ordinal) || spec.StartsWith("git+", StringComparison.Ordinal)
        || (spec.Length > 2 && spec[1] == ':' && (spec[2] == '\\' || spec[2] == '/'));

    private void PythonPackagePin(ClientConfig config, McpServerEntry server, string at, ConfigValue command, IReadOnlyList<ConfigValue> args, List<Finding> findings)
    {
        var tool = Configs.Launchers.BaseName(command.Text);
        int i = 0;
        if (tool == "uv") i = 2; // uv tool run
        else if (tool == "pipx" && args.Count > 0 && args[0].Text == "run") i = 1;
        else if (tool == "pipx") return; // pipx install/list: not a launch
        ConfigValue? package = null;
        for (; i < args.Count; i++)
        {
            var a = args[i].Text;
            if (a is "--from" or "--spec" or "--with") { if (i + 1 < args.Count && a != "--with") { package = args[i + 1]; break; } i++; continue; }
            if (a.StartsWith("--from=", StringComparison.Ordinal) || a.StartsWith("--spec=", StringComparison.Ordinal)) { package = args[i] with { Text = a[(a.IndexOf('=') + 1)..] }; break; }
            if (a is "--python" or "-p" or "--index-url" or "--index" or "--extra-index-url" or "--pip-args") { i++; continue; }
            if (a.StartsWith('-')) continue;
            package = args[i];
            break;
        }
        if (package is null) return;
        var spec = package.Text.Trim('"', '\'');
        if (IsLocalOrUrl(spec) || spec.EndsWith(".whl", StringComparison.OrdinalIgnoreCase)) return;
        if (PythonPin.IsMatch(spec)) return;
        findings.Add(Make(ConfigRules.UnpinnedPython, config, package.Line, $"{at}/package:{spec}",
            $"Server '{server.Name}' runs Python package {spec} through {tool} without an exact ==version: each start may install a different release.",
            Short(string.Join(' ', new[] { command.Text }.Concat(args.Select(a => a.Text))))));
    }

    private void Docker(ClientConfig config, McpServerEntry server, string at, IReadOnlyList<ConfigValue> args, List<Finding> findings)
    {
        int i = 0;
        while (i < args.Count && args[i].Text.StartsWith('-')) i++; // global options
        if (i >= args.Count) return;
        if (args[i].Text == "container" && i + 1 < args.Count) i++;
        if (args[i].Text is not ("run" or "create")) return;
        i++;
        ConfigValue? image = null;
        for (; i < args.Count; i++)
        {
            var a = args[i].Text;
            if (!a.StartsWith('-')) { image = args[i]; break; }
            string option = a, value = "";
            int eq = a.IndexOf('=');
            if (a.StartsWith("--", StringComparison.Ordinal) && eq > 0) { option = a[..eq]; value = a[(eq + 1)..]; }
            else if (DockerValueOptions.Contains(a) && i + 1 < args.Count) { value = args[i + 1].Text; i++; }
            else if (a.Length > 2 && a[1] != '-' && DockerValueOptions.Contains(a[..2])) { option = a[..2]; value = a[2..]; }
            PrivilegeCheck(config, server, at, option, value, args[Math.Min(i, args.Count - 1)].Line, findings);
        }
        if (image is null) return;
        var reference = image.Text;
        if (reference.Contains("@sha256:", StringComparison.OrdinalIgnoreCase)) return;
        int lastSlash = reference.LastIndexOf('/');
        int colon = reference.LastIndexOf(':');
        string? tag = colon > lastSlash ? reference[(colon + 1)..] : null;
        if (tag is not null && !tag.Equals("latest", StringComparison.OrdinalIgnoreCase) && !tag.Contains('$')) return;
        findings.Add(Make(ConfigRules.UnpinnedImage, config, image.Line, $"{at}/image:{reference}",
            tag is null
                ? $"Server '{server.Name}' runs container image {reference} without a tag or digest (implicitly :latest)."
                : $"Server '{server.Name}' runs container image {reference}: the :latest tag moves.",
            Short("docker run … " + reference)));
    }

    private void PrivilegeCheck(ClientConfig config, McpServerEntry server, string at, string option, string value, int line, List<Finding> findings)
    {
        string? problem = option switch
        {
            "--privileged" when value is "" or "true" => "--privileged gives the container every capability and all host devices",
            "--cap-add" => $"--cap-add {value} adds kernel capabilities",
            "--network" or "--net" when value == "host" => "--network host shares the host's network stack",
            "--pid" when value == "host" => "--pid host shares the host's process namespace",
            "--ipc" when value == "host" => "--ipc host shares the host's IPC namespace",
            "--userns" when value == "host" => "--userns host disables user-namespace remapping",
            "--security-opt" when value.Contains("unconfined", StringComparison.OrdinalIgnoreCase) || value.Contains("no-new-privileges=false", StringComparison.OrdinalIgnoreCase) => $"--security-opt {value} removes a confinement",
            "-v" or "--volume" or "--mount" => MountProblem(value),
            _ => null,
        };
        if (problem is null) return;
        findings.Add(Make(ConfigRules.PrivilegedContainer, config, line, $"{at}/docker:{option}",
            $"Server '{server.Name}': {problem}.", Short($"{option} {value}".Trim())));
    }

    private static string? MountProblem(string value)
    {
        string source = value;
        if (value.Contains("source=", StringComparison.Ordinal) || value.Contains("src=", StringComparison.Ordinal))
        {
            source = value.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] is "source" or "src").Select(p => p[1]).FirstOrDefault() ?? "";
        }
        else
        {
            int from = value.Length > 2 && char.IsAsciiLetter(value[0]) && value[1] == ':' ? 2 : 0; // C:\ on Windows
            if (value.StartsWith("${", StringComparison.Ordinal) && value.IndexOf('}') is > 0 and var close) from = close; // ${env:HOME}
            int colon = value.IndexOf(':', from);
            if (colon > 0) source = value[..colon];
        }
        if (source.Contains("docker.sock", StringComparison.OrdinalIgnoreCase)) return "mounting the Docker socket gives control of the host's Docker daemon";
        if (IsRootOrHome(source)) return $"mounting {source} exposes the whole {(source.TrimEnd('/', '\\') is "" or "C:" ? "file system" : "home directory")}";
        return null;
    }

    private static readonly Regex HomePath = new(@"^(?:~|\$HOME|\$\{HOME\}|\$\{env:HOME\}|\$\{env:USERPROFILE\}|\$\{userHome\}|%USERPROFILE%|/home/[^/]+|/Users/[^/]+|/root|[A-Za-z]:[\\/]Users[\\/][^\\/]+)[\\/]?$", RegexOptions.None, Timeout);

    private static bool IsRootOrHome(string path)
    {
        var p = path.Trim().Trim('"', '\'');
        if (p is "/" or "\\" || (p.Length is 2 or 3 && p[1] == ':' && (p.Length == 2 || p[2] is '\\' or '/'))) return true;
        return HomePath.IsMatch(p);
    }

    private void BroadFilesystem(ClientConfig config, McpServerEntry server, string at, IReadOnlyList<ConfigValue> args, List<Finding> findings)
    {
        int package = -1;
        for (int i = 0; i < args.Count; i++)
        {
            var a = args[i].Text;
            if (a.Contains("server-filesystem", StringComparison.OrdinalIgnoreCase) || a.Contains("mcp-filesystem", StringComparison.OrdinalIgnoreCase)
                || a.Contains("filesystem-server", StringComparison.OrdinalIgnoreCase) || a.Equals("mcp/filesystem", StringComparison.OrdinalIgnoreCase))
            {
                package = i;
                break;
            }
        }
        if (package < 0) return;
        for (int i = package + 1; i < args.Count; i++)
        {
            var a = args[i].Text;
            if (a.StartsWith('-')) continue;
            if (!IsRootOrHome(a)) continue;
            findings.Add(Make(ConfigRules.BroadFilesystem, config, args[i].Line, $"{at}/args[{i}]",
                $"Filesystem server '{server.Name}' may read and write everything under {a}.", Short(string.Join(' ', args.Select(x => x.Text)))));
        }
    }

    // ------------------------------------------------------------ remote (007)

    private void Remote(ClientConfig config, McpServerEntry server, string at, List<Finding> findings)
    {
        var urls = new List<ConfigValue>();
        if (server.Url is { } url) urls.Add(url);
        // proxies that connect a stdio client to a remote server: npx mcp-remote http://…
        var args = server.EffectiveArgs;
        for (int i = 0; i < args.Count; i++)
        {
            if ((args[i].Text.Contains("mcp-remote", StringComparison.OrdinalIgnoreCase) || args[i].Text.Contains("supergateway", StringComparison.OrdinalIgnoreCase)))
            {
                urls.AddRange(args.Skip(i + 1).Where(a => a.Text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)));
                break;
            }
        }
        foreach (var u in urls)
        {
            if (!Uri.TryCreate(u.Text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp) continue;
            if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) continue;
            var shown = uri.UserInfo.Length > 0 ? u.Text.Replace(uri.UserInfo, SecretMask.Mask(uri.UserInfo), StringComparison.Ordinal) : u.Text;
            findings.Add(Make(ConfigRules.PlainHttp, config, u.Line, $"{at}/url",
                $"Server '{server.Name}' is reached over unencrypted HTTP at {uri.Host}.", Short(shown)));
        }
    }

    // ------------------------------------------------------------ helpers

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Short(string s) => VisibleText.Render(s.Length > 200 ? s[..200] + "…" : s);

    private Finding Make(RuleMetadata rule, ClientConfig config, int line, string logicalPath, string message, string evidence) => new()
    {
        Fingerprint = "",
        RuleId = rule.Id,
        Title = rule.Title,
        Category = rule.Category,
        Severity = rule.Severity,
        Confidence = rule.Confidence,
        Engine = EngineName,
        Message = message,
        Remediation = rule.Remediation,
        Location = new Location(config.Path, Math.Max(1, line), 1, Math.Max(1, line), 1, logicalPath),
        Evidence = _secrets.MaskText(evidence),
        Cwe = rule.Cwe,
        Owasp = rule.Owasp,
        Mitre = rule.Mitre,
        References = [.. rule.References, config.Client.Docs],
    };
}
