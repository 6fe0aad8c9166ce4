using System.CommandLine;
using System.Text;
using System.Text.Json;
using McpSentinel.Core.Configs;

namespace McpSentinel.Cli.Commands;

/// <summary><c>mcp-sentinel discover</c>: list every MCP client configuration of a user and a project tree, with its servers.</summary>
public static class DiscoverCommand
{
    public static Command Create(CliConsole console)
    {
        var home = new Option<string?>("--home") { Description = "Home directory to look in (default: the current user's). Machine-wide locations are read only without --home." };
        var root = new Option<string?>("--root") { Description = "Project tree to search for project configurations (default: the current directory)." };
        var format = new Option<string?>("--format", "-f") { Description = "Output format: text (default) or json." };
        var command = new Command("discover", "List the MCP client configurations (Claude, Cursor, VS Code, Codex, … see docs/configs.md) and the servers they declare.");
        foreach (var option in new Option[] { home, root, format }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var fmt = (parse.GetValue(format) ?? "text").Trim().ToLowerInvariant();
            if (fmt is not ("text" or "json")) throw new UsageException($"--format: '{fmt}' is not one of text, json");
            var options = Options(parse.GetValue(home), parse.GetValue(root), console);
            var result = ConfigDiscovery.Discover(options, cancellationToken: console.Cancellation);
            if (fmt == "json") WriteJson(result, options, console.Out);
            else WriteText(result, console.Out);
            return result.Diagnostics.Any(d => d.Incomplete) ? ExitCodes.Incomplete : ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>Resolves --home / --root against the working directory; a folder that does not exist is a usage error.</summary>
    public static ConfigDiscoveryOptions Options(string? home, string? root, CliConsole console)
    {
        string? Full(string? path, string flag)
        {
            if (path is null) return null;
            var full = Path.GetFullPath(Path.Combine(console.WorkingDirectory, path));
            if (!Directory.Exists(full)) throw new UsageException($"{flag}: folder not found: {full}");
            return full;
        }
        return new ConfigDiscoveryOptions
        {
            Home = Full(home, "--home"),
            Root = Full(root, "--root") ?? console.WorkingDirectory,
            IncludeSystem = home is null,
        };
    }

    private static void WriteText(ConfigDiscoveryResult result, TextWriter output)
    {
        var masker = new ConfigSecretDetector(null);
        if (result.Configs.Count == 0) output.WriteLine("No MCP client configuration found.");
        foreach (var found in result.Configs)
        {
            var c = found.Config;
            output.WriteLine($"{c.Path}  ({c.Client.Name}, {found.Scope}, {c.Format.ToWord()}, {c.Servers.Count} server(s))");
            foreach (var s in c.Servers)
            {
                var name = s.Scope is null ? s.Name : $"{s.Name} [project {s.Scope}]";
                output.WriteLine($"  {c.Path}:{s.Line}  {name}  {s.Launcher}/{s.Transport}{(s.Disabled ? " (disabled)" : "")}  {masker.MaskText(Launch(s))}");
            }
            foreach (var setting in c.Settings) output.WriteLine($"  {c.Path}:{setting.Line}  setting {setting.Key} = {setting.Value}");
        }
        foreach (var d in result.Diagnostics) output.WriteLine($"{(d.Incomplete ? "error" : "note")}: {d.Path}: {d.Message}");
        output.WriteLine($"{result.Configs.Count} configuration(s), {result.Configs.Sum(c => c.Config.Servers.Count)} server(s).");
    }

    private static string Launch(McpServerEntry s) =>
        s.Command is not null ? string.Join(' ', new[] { s.Command.Text }.Concat(s.Args.Select(a => a.Text.Contains(' ') ? $"\"{a.Text}\"" : a.Text))) : s.Url?.Text ?? "";

    private static void WriteJson(ConfigDiscoveryResult result, ConfigDiscoveryOptions options, TextWriter output)
    {
        var masker = new ConfigSecretDetector(null);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schemaVersion", "1.0");
            json.WriteNumber("catalogVersion", ClientCatalog.Builtin.Version);
            json.WriteString("home", options.Home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
            if (options.Root is not null) json.WriteString("root", options.Root);
            json.WriteStartArray("configs");
            foreach (var found in result.Configs)
            {
                var c = found.Config;
                json.WriteStartObject();
                json.WriteString("path", c.Path);
                json.WriteString("fullPath", found.FullPath);
                json.WriteString("client", c.Client.Id);
                json.WriteString("clientName", c.Client.Name);
                json.WriteString("scope", found.Scope);
                json.WriteString("format", c.Format.ToWord());
                json.WriteStartArray("servers");
                foreach (var s in c.Servers)
                {
                    json.WriteStartObject();
                    json.WriteString("name", s.Name);
                    json.WriteNumber("line", s.Line);
                    if (s.Scope is not null) json.WriteString("project", s.Scope);
                    json.WriteString("launcher", s.Launcher);
                    json.WriteString("transport", s.Transport);
                    if (s.Command is not null) json.WriteString("command", masker.MaskText(s.Command.Text));
                    json.WriteStartArray("args");
                    foreach (var a in s.Args) json.WriteStringValue(masker.MaskText(a.Text));
                    json.WriteEndArray();
                    if (s.Url is not null) json.WriteString("url", masker.MaskText(s.Url.Text));
                    json.WriteStartArray("envKeys"); // names only: values may be secrets
                    foreach (var e in s.Env) json.WriteStringValue(e.Key);
                    json.WriteEndArray();
                    json.WriteStartArray("headerKeys");
                    foreach (var h in s.Headers) json.WriteStringValue(h.Key);
                    json.WriteEndArray();
                    json.WriteBoolean("disabled", s.Disabled);
                    json.WriteBoolean("autoApprove", s.AutoApproval.Count > 0);
                    json.WriteString("logicalPath", s.LogicalPath(c.Client.Id));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteStartObject("settings");
                foreach (var setting in c.Settings) json.WriteString(setting.Key, setting.Value);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("diagnostics");
            foreach (var d in result.Diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("path", d.Path);
                json.WriteString("message", d.Message);
                json.WriteBoolean("incomplete", d.Incomplete);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
