using System.CommandLine;
using McpSentinel.Core.Configs;
using McpSentinel.Core.Discovery;
using McpSentinel.Core.Scanning;
using McpSentinel.Live;

namespace McpSentinel.Cli.Commands;

/// <summary><c>scan --discover [--home DIR] [--root DIR]</c>: audit every discovered MCP client configuration (with the config engine
/// and the static rules), reported under ~/… or project-relative paths; with <c>--live</c>, also launch or connect to every
/// server they declare (confirmed one by one unless <c>--yes</c>).</summary>
public sealed class DiscoverScanOptions
{
    public Option<bool> Discover { get; } = new("--discover") { Description = "Also audit every MCP client configuration found for the user and the project (see 'mcp-sentinel discover'); with --live, also launch/connect to every server they declare." };
    public Option<string?> Home { get; } = new("--home") { Description = "With --discover: the home directory to look in (default: the current user's)." };
    public Option<string?> Root { get; } = new("--root") { Description = "With --discover: the project tree to look in (default: the current directory)." };
    public Option<bool> Yes { get; } = new("--yes") { Description = "With --discover --live: launch every configured server without asking for confirmation." };

    public void AddTo(Command command)
    {
        command.Options.Add(Discover);
        command.Options.Add(Home);
        command.Options.Add(Root);
        command.Options.Add(Yes);
    }

    public bool IsOn(ParseResult parse) => parse.GetValue(Discover);

    /// <summary>Runs the discovery (null without --discover); rejects --home/--root/--yes without it.</summary>
    public (ConfigDiscoveryResult Result, ConfigDiscoveryOptions Options)? Run(ParseResult parse, long maxFileSize, bool live, CliConsole console)
    {
        if (!parse.GetValue(Discover))
        {
            if (parse.GetValue(Home) is not null || parse.GetValue(Root) is not null) throw new UsageException("--home and --root need --discover");
            if (parse.GetValue(Yes)) throw new UsageException("--yes applies to --discover --live");
            return null;
        }
        if (parse.GetValue(Yes) && !live) throw new UsageException("--yes applies to --discover --live (configured servers are only launched with --live)");
        var discovery = DiscoverCommand.Options(parse.GetValue(Home), parse.GetValue(Root), console) with { MaxFileSize = maxFileSize };
        return (ConfigDiscovery.Discover(discovery, cancellationToken: console.Cancellation), discovery);
    }

    public ScanOptions Apply(ParseResult parse, ScanOptions options, ScanInputs inputs, ConfigDiscoveryResult result, bool live)
    {
        // without explicit targets, --discover audits only the configurations (not the working directory's source);
        // with --live the arguments are servers, not paths
        var explicitTargets = !live && parse.GetValue(inputs.Targets) is { Length: > 0 };
        // a configuration inside a directory that is scanned anyway is audited there (once), under that target's paths
        var directories = (explicitTargets ? options.Targets : Array.Empty<string>()).Where(Directory.Exists).Select(t => Path.GetFullPath(t).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).ToArray();
        var files = result.Configs
            .Where(c => !directories.Any(d => c.FullPath.StartsWith(d, StringComparison.Ordinal)))
            .Select(c => new DiscoveredFile(c.FullPath, c.Config.Path, LanguageDetector.FromName(Path.GetFileName(c.FullPath)), new FileInfo(c.FullPath).Length))
            .ToArray();
        return options with
        {
            Targets = explicitTargets ? options.Targets : [],
            ExtraFiles = files,
            ExtraDiagnostics = result.Diagnostics,
            Engines = options.Engines.Contains(ConfigEngine.EngineName) ? options.Engines : [.. options.Engines, ConfigEngine.EngineName],
        };
    }

    /// <summary>
    /// Every server of the discovered configurations as a live target: its command and arguments with the configuration's
    /// env (stdio), or its URL with the configuration's headers (HTTP). The same launcher declared in several files is
    /// launched once (its sources are listed together); disabled servers and entries with nothing to run are skipped.
    /// Project servers start in the project folder (the --root, or the project a ~/.claude.json entry belongs to), user
    /// servers in the home folder.
    /// </summary>
    public static IReadOnlyList<PlannedServer> PlanServers(ConfigDiscoveryResult result, ConfigDiscoveryOptions discovery, bool sandbox)
    {
        var home = discovery.Home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var planned = new List<(string Key, PlannedServer Server, List<string> Sources)>();
        foreach (var config in result.Configs)
        {
            foreach (var entry in config.Config.Servers)
            {
                var source = $"{config.Config.Path}:{entry.Line}";
                var (target, skip) = Target(entry, sandbox, WorkingDirectory(config, entry, discovery.Root, home));
                var display = target is null ? Describe(entry) : LiveInputs.Display(target);
                var key = target is null ? "skip:" + source : Key(target);
                var existing = planned.FindIndex(p => p.Key == key);
                if (existing >= 0)
                {
                    planned[existing].Sources.Add(source);
                    continue;
                }
                var name = Name(entry.Name, config.Config.Client.Id, planned.Select(p => p.Server.Name));
                planned.Add((key, new PlannedServer(name, target is null ? null : target with { Name = name }, display, null, NeedsConfirmation: true, skip), [source]));
            }
        }
        return planned.Select(p => p.Server with { Source = string.Join(", ", p.Sources) }).ToArray();
    }

    private static (LiveTarget? Target, string? Skip) Target(McpServerEntry entry, bool sandbox, string? workingDirectory)
    {
        if (entry.Disabled) return (null, "disabled in the configuration");
        if (entry.Url is { } url)
        {
            if (!Uri.TryCreate(url.Text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                return (null, "the URL is not an absolute http(s) URL (variables such as ${…} are not expanded)");
            return (new LiveTarget { Url = uri, Headers = entry.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value)).ToArray() }, null);
        }
        if (entry.Command is { } command && command.Text.Length > 0)
        {
            return (new LiveTarget
            {
                Command = [command.Text, .. entry.Args.Select(a => a.Text)],
                Environment = entry.Env.GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
                Sandbox = sandbox,
                WorkingDirectory = workingDirectory,
            }, null);
        }
        return (null, "no command or URL to launch");
    }

    private static string? WorkingDirectory(DiscoveredConfig config, McpServerEntry entry, string? root, string home)
    {
        if (entry.Scope is { } project && Directory.Exists(project)) return project;
        var folder = config.Scope == "project" ? root : home;
        return folder is not null && Directory.Exists(folder) ? folder : null;
    }

    private static string Describe(McpServerEntry entry) =>
        LiveInputs.Mask(entry.Url?.Text ?? string.Join(' ', new[] { entry.Command?.Text ?? "" }.Concat(LiveTargetArguments(entry))).Trim());

    private static IEnumerable<string> LiveTargetArguments(McpServerEntry entry) =>
        new LiveTarget { Command = ["x", .. entry.Args.Select(a => a.Text)] }.Identity().Arguments;

    /// <summary>What makes two configured servers the same process: transport, command, arguments, URL, env and headers.</summary>
    private static string Key(LiveTarget target) => string.Join('\u0001',
        [target.Url?.ToString() ?? "", .. target.Command ?? [], "\u0002", .. target.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value),
         "\u0002", .. target.Headers.Select(h => h.Key + ":" + h.Value), "\u0002", target.WorkingDirectory ?? ""]);

    /// <summary>The configured name, sanitised; NAME@CLIENT (then -2, -3…) when another configured server already has it.</summary>
    private static string Name(string configured, string client, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var clean = new string(configured.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' ? c : '-').ToArray()).Trim('-');
        if (clean.Length == 0) clean = "server";
        if (!used.Contains(clean)) return clean;
        var qualified = $"{clean}@{client}";
        if (!used.Contains(qualified)) return qualified;
        for (int i = 2; ; i++)
        {
            if (!used.Contains($"{qualified}-{i}")) return $"{qualified}-{i}";
        }
    }
}
