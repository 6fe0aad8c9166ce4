using System.CommandLine;
using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Reporting;
using Spectre.Console;

namespace McpSentinel.Cli.Commands;

/// <summary><c>mcp-sentinel scan</c>: run the engines over the targets and write the requested reports.</summary>
public static class ScanCommand
{
    public static Command Create(CliConsole console)
    {
        var inputs = new ScanInputs();
        var format = new Option<string[]>("--format", "-f") { Description = "Output format: " + string.Join(", ", ReporterCatalog.Formats) + " (repeatable; pairs with --output in order)." };
        var output = new Option<string[]>("--output", "-o") { Description = "Write the report to this file (repeatable; the format is taken from --format or the extension)." };
        var outputDir = new Option<string?>("--output-dir") { Description = "Write every requested format (all formats when none is given) into this folder under its standard name: mcp-sentinel.json, .sarif, .html, .pdf, .xlsx, .md, .junit.xml, .csv, .txt." };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when a finding is at or above this severity (critical, high, medium, low, info, none). Default: high." };
        var baseline = new Option<string?>("--baseline") { Description = "Report only findings whose fingerprints are not in this baseline file." };
        var noProgress = new Option<bool>("--no-progress") { Description = "Do not show a progress bar." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but the report(s) and errors." };
        var discover = new DiscoverScanOptions();
        var compliance = new Option<string[]>("--compliance") { Description = "Add a compliance section to the JSON report for these frameworks (comma-separated or repeated): soc2, hipaa, pci-dss, nist-800-53, iso-27001." };
        var live = new LiveInputs();
        var diffBase = new Option<string?>("--diff-base") { Description = "Report only what the change since this git revision introduces: scan the files changed since its merge base with HEAD (committed, staged, modified or untracked), and leave out findings already present at the base." };
        var lockFile = new Option<string?>("--lock") { Description = "Compare server surfaces (live or from snapshots) with this lock file from 'mcp-sentinel pin' and report changes." };

        var command = new Command("scan", "Scan MCP server code, client configurations, snapshots or a live server (--live) for vulnerabilities, secrets and tool poisoning.");
        inputs.AddTo(command);
        foreach (var option in new Option[] { format, output, outputDir, failOn, baseline, noProgress, quiet, compliance }) command.Options.Add(option);
        discover.AddTo(command);
        live.AddTo(command, several: true);
        command.Options.Add(lockFile);
        command.Options.Add(diffBase);

        command.SetAction(parse =>
        {
            var plan = OutputPlan.Create(parse.GetValue(format) ?? [], parse.GetValue(output) ?? [], console, parse.GetValue(outputDir));
            live.Validate(parse);
            bool isLive = live.IsLive(parse);
            if (isLive && parse.GetValue(diffBase) is not null) throw new UsageException("--diff-base applies to files, not to a live scan");
            var (options, config) = inputs.Resolve(parse, console, parse.GetValue(baseline), targetsOverride: isLive ? [console.WorkingDirectory] : null);
            if (parse.GetValue(lockFile) is { } lockPath) options = options with { SurfaceLock = LiveInputs.LoadLock(Path.GetFullPath(Path.Combine(console.WorkingDirectory, lockPath))) };
            var discovered = discover.Run(parse, options.Discovery.MaxFileSize, isLive, console);
            if (isLive)
            {
                var tokens = parse.GetValue(inputs.Targets) ?? [];
                var servers = new List<PlannedServer>(live.Plan(parse, tokens, console));
                if (discovered is { } d)
                {
                    if (parse.GetValue(live.Env) is { Length: > 0 } || parse.GetValue(live.Header) is { Length: > 0 } || parse.GetValue(live.Name) is not null)
                        throw new UsageException("--env, --header and --name apply to servers given with --live; configured servers get the env and headers of their configuration");
                    servers.AddRange(DiscoverScanOptions.PlanServers(d.Result, d.Options, parse.GetValue(live.Sandbox)));
                }
                else if (tokens.Length == 0) throw new UsageException("--live needs a server: a URL, or -- COMMAND ARGS… (or --discover to use the configured servers)");
                options = LiveInputs.Apply(options, live.Collect(parse, servers, console, parse.GetValue(quiet), parse.GetValue(discover.Yes)));
            }
            if (discovered is { } found) options = discover.Apply(parse, options, inputs, found.Result, isLive);
            Severity threshold = config.FailOn ?? Severity.High;
            if (parse.GetValue(failOn) is { } fo)
            {
                if (!Levels.TryParseThreshold(fo, out var t)) throw new UsageException($"--fail-on: '{fo}' is not one of critical, high, medium, low, info, none");
                threshold = t.Value;
            }
            bool isQuiet = parse.GetValue(quiet);
            bool showProgress = console.ErrorIsTerminal && !parse.GetValue(noProgress) && !isQuiet && !isLive;

            var frameworks = ResolveCompliance(parse.GetValue(compliance));
            if (parse.GetValue(diffBase) is { } rev)
            {
                try { options = DiffBaseScan.Prepare(new Scanner(engines: EngineProviders.All), options, rev, console.Cancellation); }
                catch (Core.Git.GitDiffException ex) { throw new UsageException(ex.Message); }
            }
            var result = Run(options, showProgress, console);
            if (frameworks.Count > 0) result = result with { Compliance = Core.Compliance.ComplianceEvaluator.Evaluate(frameworks, result.Findings, result.Engines) };
            plan.Write(result, console);

            if (!isQuiet && !plan.WritesToStdout)
            {
                var s = result.Summary;
                console.Error.WriteLine($"mcp-sentinel: {s.Total} finding(s) ({s.Critical} critical, {s.High} high, {s.Medium} medium, {s.Low} low, {s.Info} info), {s.Suppressed} suppressed, in {result.FilesScanned} file(s)" + (result.Incomplete ? "; the scan was INCOMPLETE (see diagnostics)" : ""));
            }
            if (RuleProfile.Enabled)
            {
                foreach (var (id, time, lines) in RuleProfile.Slowest(25)) console.Error.WriteLine($"profile: {id,-16} {time.TotalMilliseconds,9:F1} ms over {lines} line(s)");
            }
            return ExitCode(result, threshold);
        });
        return command;
    }

    private static IReadOnlyList<string> ResolveCompliance(string[]? values)
    {
        if (values is not { Length: > 0 }) return [];
        var catalog = Core.Compliance.ComplianceCatalog.Default;
        var (known, unknown) = Core.Compliance.ComplianceEvaluator.Parse(values, catalog);
        if (unknown.Count > 0) throw new UsageException($"--compliance: unknown framework '{unknown[0]}' (available: {string.Join(", ", catalog.Frameworks.Keys.Order(StringComparer.Ordinal))})");
        return known;
    }

    /// <summary>1 when a finding is at or above the threshold; otherwise 3 when the scan was incomplete; else 0.</summary>
    public static int ExitCode(ScanResult result, Severity threshold)
    {
        if (result.Findings.Any(f => f.Severity >= threshold)) return ExitCodes.Findings;
        if (result.Incomplete) return ExitCodes.Incomplete;
        return ExitCodes.Clean;
    }

    private static ScanResult Run(ScanOptions options, bool showProgress, CliConsole console)
    {
        var scanner = new Scanner(engines: EngineProviders.All);
        if (!showProgress) return scanner.Scan(options, cancellationToken: console.Cancellation);

        var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error), Interactive = InteractionSupport.Yes });
        ScanResult? result = null;
        err.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("scanning", maxValue: 1);
                var progress = new SynchronousProgress(p =>
                {
                    task.MaxValue = Math.Max(1, p.FilesTotal);
                    task.Value = p.FilesDone;
                });
                result = scanner.Scan(options, progress, console.Cancellation);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>Reports progress on the calling thread (Progress&lt;T&gt; would post to a thread pool and lag behind).</summary>
    private sealed class SynchronousProgress(Action<ScanProgress> report) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value) => report(value);
    }
}
