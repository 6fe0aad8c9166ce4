namespace McpSentinel.Core.Configs;

/// <summary>Turns a parsed configuration document into a <see cref="ClientConfig"/>: finds the server maps named by the client
/// definition and normalises each server (Claude/Cursor <c>mcpServers</c>, VS Code <c>servers</c>, Codex <c>[mcp_servers.x]</c>,
/// opencode <c>mcp</c> with a command array, Zed <c>context_servers</c>, Goose <c>extensions</c>, Continue's list).</summary>
public static class ClientConfigReader
{
    private static readonly string[] UrlKeys = ["url", "serverUrl", "httpUrl", "uri"];
    private static readonly string[] CommandKeys = ["command", "cmd"];

    /// <summary>Parses and reads a file; throws <see cref="ConfigParseException"/> when it is malformed.</summary>
    public static ClientConfig Read(string path, string text, ClientDefinition client, ConfigFormat? format = null)
    {
        var actual = format ?? ConfigFormats.FromFileName(path) ?? client.Format;
        var root = ConfigDocumentParser.Parse(text, actual);
        return Read(path, root, client, actual);
    }

    public static ClientConfig Read(string path, ConfigNode root, ClientDefinition client, ConfigFormat format)
    {
        var servers = new List<McpServerEntry>();
        foreach (var keyPath in client.ServerKeys)
        {
            foreach (var alternative in keyPath.Split('|'))
            {
                var found = new List<McpServerEntry>();
                foreach (var (container, scope) in Resolve(root, alternative.Split('.'), 0, null)) found.AddRange(ServersIn(container, scope));
                if (found.Count == 0) continue;
                servers.AddRange(found);
                break;
            }
        }
        var settings = new List<ConfigKeyValue>();
        if (root.IsObject)
        {
            foreach (var name in client.Settings)
            {
                if (root.Property(name) is { } p) settings.Add(new ConfigKeyValue(name, Flatten(p.Value), p.Line));
            }
        }
        return new ClientConfig { Path = path, Client = client, Format = format, Servers = servers, Settings = settings };
    }

    /// <summary>True when the document holds at least one server under any of the key paths (used to tell clients apart by shape).</summary>
    public static bool HasServers(ConfigNode root, ClientDefinition client) =>
        client.ServerKeys.SelectMany(k => k.Split('|')).Any(k => Resolve(root, k.Split('.'), 0, null).Any(c => ServersIn(c.Container, c.Scope).Any()))
        || (root.IsObject && client.Settings.Any(s => root.Property(s) is not null));

    private static IEnumerable<(ConfigNode Container, string? Scope)> Resolve(ConfigNode node, string[] segments, int index, string? scope)
    {
        if (index == segments.Length)
        {
            yield return (node, scope);
            yield break;
        }
        if (!node.IsObject) yield break;
        var segment = segments[index];
        if (segment == "*")
        {
            foreach (var property in node.Properties)
            {
                foreach (var hit in Resolve(property.Value, segments, index + 1, property.Name)) yield return hit;
            }
            yield break;
        }
        // VS Code settings may spell nested keys flat: "mcp.servers": { … }
        var flat = string.Join('.', segments[index..]);
        if (index < segments.Length - 1 && !flat.Contains('*') && node[flat] is { } flatNode)
        {
            yield return (flatNode, scope);
        }
        if (node[segment] is { } child)
        {
            foreach (var hit in Resolve(child, segments, index + 1, scope)) yield return hit;
        }
    }

    private static IEnumerable<McpServerEntry> ServersIn(ConfigNode container, string? scope)
    {
        if (container.IsObject)
        {
            foreach (var property in container.Properties)
            {
                if (ToServer(property.Name, property.Line, property.Value, scope) is { } server) yield return server;
            }
        }
        else if (container.IsArray)
        {
            int index = 0;
            foreach (var item in container.Items)
            {
                var name = item["name"]?.AsString() ?? $"#{index}";
                if (ToServer(name, item.Line, item, scope) is { } server) yield return server;
                index++;
            }
        }
    }

    private static McpServerEntry? ToServer(string name, int line, ConfigNode node, string? scope)
    {
        if (!node.IsObject) return null;
        // Goose may nest the definition under "config"
        if (node["config"] is { IsObject: true } nested && (CommandKeys.Any(k => nested[k] is not null) || UrlKeys.Any(k => nested[k] is not null))) node = nested;

        ConfigValue? command = null;
        var args = new List<ConfigValue>();
        var env = new List<ConfigKeyValue>();
        foreach (var key in CommandKeys)
        {
            if (node.Property(key) is not { } p) continue;
            switch (p.Value.Kind)
            {
                case ConfigNodeKind.String:
                    command = new ConfigValue(p.Value.Scalar ?? "", p.Value.Line);
                    break;
                case ConfigNodeKind.Array: // opencode: ["npx", "-y", "pkg"]
                    var parts = p.Value.Items.Where(i => i.AsString() is not null).Select(i => new ConfigValue(i.AsString()!, i.Line)).ToList();
                    if (parts.Count > 0)
                    {
                        command = parts[0];
                        args.AddRange(parts.Skip(1));
                    }
                    break;
                case ConfigNodeKind.Object: // Zed (older): { "path": "…", "args": […], "env": {…} }
                    if (p.Value["path"]?.AsString() is { } path) command = new ConfigValue(path, p.Value["path"]!.Line);
                    args.AddRange(Values(p.Value["args"]));
                    env.AddRange(Pairs(p.Value["env"]));
                    break;
            }
            if (command is not null) break;
        }
        args.AddRange(Values(node["args"]));
        foreach (var key in new[] { "env", "envs", "environment" }) env.AddRange(Pairs(node[key]));

        ConfigValue? url = null;
        foreach (var key in UrlKeys)
        {
            if (node[key] is { Kind: ConfigNodeKind.String } u && u.Scalar is { Length: > 0 } text)
            {
                url = new ConfigValue(text, u.Line);
                break;
            }
        }
        if (command is null && url is null) return null; // built-in extensions, disabled stubs, unrelated objects

        var headers = new List<ConfigKeyValue>();
        foreach (var key in new[] { "headers", "http_headers" }) headers.AddRange(Pairs(node[key]));
        if (node["requestInit"]?["headers"] is { } initHeaders) headers.AddRange(Pairs(initHeaders));

        var approval = new List<ConfigKeyValue>();
        foreach (var key in new[] { "alwaysAllow", "autoApprove", "autoapprove" })
        {
            if (node.Property(key) is not { } p) continue;
            if (p.Value.IsArray && p.Value.Items.Count > 0) approval.Add(new ConfigKeyValue(key, Flatten(p.Value), p.Line));
            else if (p.Value.IsTrue()) approval.Add(new ConfigKeyValue(key, "true", p.Line));
        }
        if (node.Property("trust") is { } trust && trust.Value.IsTrue()) approval.Add(new ConfigKeyValue("trust", "true", trust.Line));

        bool disabled = node["disabled"]?.IsTrue() == true || node["enabled"] is { } enabled && string.Equals(enabled.Scalar, "false", StringComparison.OrdinalIgnoreCase);

        var (effectiveCommand, effectiveArgs) = Unwrap(command, args);
        var type = (node["type"] ?? node["transport"])?.AsString();
        return new McpServerEntry
        {
            Name = name,
            Line = line,
            Scope = scope,
            Command = command,
            Args = args,
            EffectiveCommand = effectiveCommand,
            EffectiveArgs = effectiveArgs,
            Url = url,
            Env = env,
            Headers = headers,
            AutoApproval = approval,
            Disabled = disabled,
            Launcher = Launchers.Classify(effectiveCommand?.Text, effectiveArgs.Select(a => a.Text).ToList(), url is not null),
            Transport = Transport(type, url, node),
        };
    }

    /// <summary><c>cmd /c npx …</c> (Windows) runs npx: audit what is really started.</summary>
    private static (ConfigValue? Command, IReadOnlyList<ConfigValue> Args) Unwrap(ConfigValue? command, List<ConfigValue> args)
    {
        if (command is null) return (null, args);
        var name = Launchers.BaseName(command.Text);
        if (name == "cmd" && args.Count >= 2 && args[0].Text.Equals("/c", StringComparison.OrdinalIgnoreCase)) return (args[1], args.Skip(2).ToList());
        return (command, args);
    }

    private static string Transport(string? type, ConfigValue? url, ConfigNode node)
    {
        switch (type?.Trim().ToLowerInvariant())
        {
            case "stdio" or "local": return "stdio";
            case "sse": return "sse";
            case "http" or "streamable-http" or "streamable_http" or "streamablehttp" or "remote": return "http";
        }
        if (url is null) return "stdio";
        if (node["httpUrl"] is not null) return "http";
        var path = url.Text.Split('?')[0].TrimEnd('/');
        return path.EndsWith("/sse", StringComparison.OrdinalIgnoreCase) ? "sse" : "http";
    }

    private static IEnumerable<ConfigValue> Values(ConfigNode? node)
    {
        if (node is null) yield break;
        if (node.IsArray)
        {
            foreach (var item in node.Items)
            {
                if (item.AsString() is { } s) yield return new ConfigValue(s, item.Line);
            }
        }
        else if (node.AsString() is { } single)
        {
            yield return new ConfigValue(single, node.Line);
        }
    }

    private static IEnumerable<ConfigKeyValue> Pairs(ConfigNode? node)
    {
        if (node is not { IsObject: true }) yield break;
        foreach (var p in node.Properties)
        {
            if (p.Value.AsString() is { } s) yield return new ConfigKeyValue(p.Name, s, p.Line);
        }
    }

    private static string Flatten(ConfigNode node) => node.Kind switch
    {
        ConfigNodeKind.Array => "[" + string.Join(", ", node.Items.Select(Flatten)) + "]",
        ConfigNodeKind.Object => "{…}",
        ConfigNodeKind.Null => "null",
        _ => node.Scalar ?? "",
    };
}
