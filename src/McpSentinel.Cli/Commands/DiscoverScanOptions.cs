using System.CommandLine;
using McpSentinel.Core.Configs;
using McpSentinel.Core.Discovery;
using McpSentinel.Core.Scanning;

namespace McpSentinel.Cli.Commands;

/// <summary><c>scan --discover [--home DIR] [--root DIR]</c>: audit every discovered MCP client configuration (with the config engine
/// and the static rules), reported under ~/… or project-relative paths.</summary>
public sealed class DiscoverScanOptions
{
    public Option<bool> Discover { get; } = new("--discover") { Description = "Also audit every MCP client configuration found for the user and the project (see 'mcp-sentinel discover')." };
    public Option<string?> Home { get; } = new("--home") { Description = "With --discover: the home directory to look in (default: the current user's)." };
    public Option<string?> Root { get; } = new("--root") { Description = "With --discover: the project tree to look in (default: the current directory)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Discover);
        command.Options.Add(Home);
        command.Options.Add(Root);
    }

    public ScanOptions Apply(ParseResult parse, ScanOptions options, ScanInputs inputs, CliConsole console)
    {
        if (!parse.GetValue(Discover))
        {
            if (parse.GetValue(Home) is not null || parse.GetValue(Root) is not null) throw new UsageException("--home and --root need --discover");
            return options;
        }
        var discovery = DiscoverCommand.Options(parse.GetValue(Home), parse.GetValue(Root), console);
        var result = ConfigDiscovery.Discover(discovery with { MaxFileSize = options.Discovery.MaxFileSize }, cancellationToken: console.Cancellation);
        // without explicit targets, --discover audits only the configurations (not the working directory's source)
        var explicitTargets = parse.GetValue(inputs.Targets) is { Length: > 0 };
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
}
