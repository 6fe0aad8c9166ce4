using System.CommandLine;
using McpSentinel.Core.Configuration;
using McpSentinel.Core.Discovery;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Scanning;
using McpSentinel.Core.Suppression;

namespace McpSentinel.Cli.Commands;

/// <summary>The options shared by every command that runs a scan (<c>scan</c>, <c>baseline create</c>), and their
/// resolution against <c>.mcp-sentinel.yml</c>: flags win over the file.</summary>
public sealed class ScanInputs
{
    public Argument<string[]> Targets { get; } = new("target") { Description = "Directories or files to scan (default: the current directory).", Arity = ArgumentArity.ZeroOrMore };
    public Option<string?> MinSeverity { get; } = new("--min-severity") { Description = "Report only findings at or above this severity: critical, high, medium, low, info." };
    public Option<string?> MinConfidence { get; } = new("--min-confidence") { Description = "Report only findings at or above this confidence: high, medium, low." };
    public Option<string[]> Engines { get; } = new("--engines") { Description = "Engines to run (comma-separated or repeated). Available: " + string.Join(", ", Scanner.KnownEngines) + ".", AllowMultipleArgumentsPerToken = false };
    public Option<string[]> Rules { get; } = new("--rules") { Description = "Also load the YAML rules in this directory (repeatable)." };
    public Option<bool> NoBuiltinRules { get; } = new("--no-builtin-rules") { Description = "Use only the rules given with --rules (for testing your own rule packs)." };
    public Option<string[]> Include { get; } = new("--include") { Description = "Only scan files matching this glob (repeatable; '*.py' matches at any depth)." };
    public Option<string[]> Exclude { get; } = new("--exclude") { Description = "Skip files and folders matching this glob (repeatable)." };
    public Option<string?> Config { get; } = new("--config") { Description = "Configuration file (default: .mcp-sentinel.yml searched upward from the target, then ~/.config/mcp-sentinel/config.yml)." };
    public Option<bool> NoConfig { get; } = new("--no-config") { Description = "Ignore configuration files." };
    public Option<string?> Suppressions { get; } = new("--suppressions") { Description = "A suppression file (YAML 'suppressions:' list: rule, path, fingerprint, reason, expires)." };
    public Option<int?> Jobs { get; } = new("--jobs", "-j") { Description = "Files analysed in parallel (default: the number of processors)." };
    public Option<string?> MaxFileSize { get; } = new("--max-file-size") { Description = "Skip files larger than this (default 2MB), with a diagnostic." };
    public Option<bool> FollowSymlinks { get; } = new("--follow-symlinks") { Description = "Follow symbolic links (loops are detected and skipped)." };
    public Option<bool> NoGitignore { get; } = new("--no-gitignore") { Description = "Do not honour .gitignore files." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Targets);
        foreach (var option in new Option[] { MinSeverity, MinConfidence, Engines, Rules, NoBuiltinRules, Include, Exclude, Config, NoConfig, Suppressions, Jobs, MaxFileSize, FollowSymlinks, NoGitignore })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Builds the scan options; throws <see cref="UsageException"/> / <see cref="ConfigException"/> on bad input.</summary>
    /// <param name="targetsOverride">Targets to use instead of the target argument (a live scan passes its working directory, for configuration lookup).</param>
    public (ScanOptions Options, SentinelConfig Config) Resolve(ParseResult parse, CliConsole console, string? baselineFile, bool useConfigBaseline = true, string[]? targetsOverride = null)
    {
        var targets = targetsOverride ?? (parse.GetValue(Targets) is { Length: > 0 } given ? given : [console.WorkingDirectory]);
        foreach (var t in targets.Where(t => t.StartsWith('-') && !Path.Exists(Path.Combine(console.WorkingDirectory, t))))
        {
            throw new UsageException($"unknown option '{t}' (to scan a path that starts with '-', write ./{t})");
        }
        targets = targets.Select(t => Path.IsPathRooted(t) ? t : Path.GetFullPath(Path.Combine(console.WorkingDirectory, t))).ToArray();

        var config = SentinelConfig.Empty;
        if (!parse.GetValue(NoConfig))
        {
            var configPath = parse.GetValue(Config);
            if (configPath is not null)
            {
                configPath = Path.GetFullPath(Path.Combine(console.WorkingDirectory, configPath));
                if (!File.Exists(configPath)) throw new UsageException($"configuration file not found: {configPath}");
            }
            configPath ??= ConfigLoader.Find(targets[0]);
            if (configPath is not null) config = ConfigLoader.Load(configPath);
        }

        Severity minSeverity = config.MinSeverity ?? Severity.Info;
        if (parse.GetValue(MinSeverity) is { } ms && !Levels.TryParseSeverity(ms, out minSeverity))
            throw new UsageException($"--min-severity: '{ms}' is not one of critical, high, medium, low, info");
        Confidence minConfidence = config.MinConfidence ?? Confidence.Low;
        if (parse.GetValue(MinConfidence) is { } mc && !Levels.TryParseConfidence(mc, out minConfidence))
            throw new UsageException($"--min-confidence: '{mc}' is not one of high, medium, low");

        var engines = (parse.GetValue(Engines) is { Length: > 0 } e ? e : config.Engines?.ToArray() ?? [.. Scanner.KnownEngines])
            .SelectMany(x => x.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(x => x.ToLowerInvariant()).Distinct().ToArray();
        foreach (var engine in engines.Where(x => !Scanner.KnownEngines.Contains(x)))
            throw new UsageException($"unknown engine '{engine}' in {(parse.GetValue(Engines) is { Length: > 0 } ? "--engines" : config.SourcePath)} (available: {string.Join(", ", Scanner.KnownEngines)})");

        long maxFileSize = config.MaxFileSize ?? DiscoveryOptions.DefaultMaxFileSize;
        if (parse.GetValue(MaxFileSize) is { } mfs && !ConfigLoader.TryParseSize(mfs, out maxFileSize))
            throw new UsageException($"--max-file-size: '{mfs}' is not a size such as 2MB, 512KB or 1048576");

        int jobs = parse.GetValue(Jobs) ?? config.Jobs ?? Environment.ProcessorCount;
        if (jobs is < 1 or > 256) throw new UsageException("--jobs must be between 1 and 256");

        var ruleDirs = config.RuleDirectories.Concat((parse.GetValue(Rules) ?? []).Select(d => Path.GetFullPath(Path.Combine(console.WorkingDirectory, d))));
        var (ruleSet, ruleErrors) = RuleCatalog.Build(ruleDirs, config.DisableRules, config.SeverityOverrides, includeBuiltin: !parse.GetValue(NoBuiltinRules), engineRules: EngineProviders.Rules);
        if (ruleSet is null)
        {
            throw new UsageException("the rules could not be loaded:\n  " + string.Join("\n  ", ruleErrors.Select(r => r.ToString())));
        }

        var suppressions = config.Suppressions.ToList();
        if (parse.GetValue(Suppressions) is { } suppressionFile)
        {
            var full = Path.GetFullPath(Path.Combine(console.WorkingDirectory, suppressionFile));
            if (!File.Exists(full)) throw new UsageException($"suppression file not found: {full}");
            suppressions.AddRange(ConfigLoader.LoadSuppressionFile(full));
        }

        HashSet<string>? baseline = null;
        var baselinePath = baselineFile is not null ? Path.GetFullPath(Path.Combine(console.WorkingDirectory, baselineFile)) : useConfigBaseline ? config.Baseline : null;
        if (baselinePath is not null)
        {
            if (!File.Exists(baselinePath)) throw new UsageException($"baseline file not found: {baselinePath}");
            try { baseline = Baseline.Parse(File.ReadAllText(baselinePath), baselinePath).Fingerprints(); }
            catch (FormatException ex) { throw new UsageException(ex.Message); }
        }

        var options = new ScanOptions
        {
            Targets = targets,
            Rules = ruleSet,
            Discovery = new DiscoveryOptions
            {
                Include = [.. config.Include, .. parse.GetValue(Include) ?? []],
                Exclude = [.. config.Exclude, .. parse.GetValue(Exclude) ?? []],
                MaxFileSize = maxFileSize,
                FollowSymlinks = parse.GetValue(FollowSymlinks) || (config.FollowSymlinks ?? false),
                RespectGitignore = !parse.GetValue(NoGitignore) && (config.Gitignore ?? true),
            },
            MinSeverity = minSeverity,
            MinConfidence = minConfidence,
            Suppressions = suppressions,
            BaselineFingerprints = baseline,
            Jobs = jobs,
            Engines = engines,
            Advisories = engines.Contains(Core.Deps.DepsEngine.EngineName) ? IntelCommand.LoadAdvisories(console) : null,
        };
        return (options, config);
    }
}
