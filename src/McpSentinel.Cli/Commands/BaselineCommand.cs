using System.CommandLine;
using McpSentinel.Core.Scanning;
using McpSentinel.Core.Suppression;

namespace McpSentinel.Cli.Commands;

/// <summary><c>mcp-sentinel baseline create</c>: record the current findings' fingerprints so later scans with
/// <c>--baseline</c> report only new findings.</summary>
public static class BaselineCommand
{
    public const string DefaultFile = ".mcp-sentinel-baseline.json";

    public static Command Create(CliConsole console)
    {
        var inputs = new ScanInputs();
        var output = new Option<string>("--output", "-o") { Description = "Baseline file to write.", DefaultValueFactory = _ => DefaultFile };
        var create = new Command("create", "Scan and write the fingerprints of every current finding to a baseline file.");
        inputs.AddTo(create);
        create.Options.Add(output);
        create.SetAction(parse =>
        {
            var (options, _) = inputs.Resolve(parse, console, baselineFile: null, useConfigBaseline: false);
            var result = new Scanner(engines: EngineProviders.All).Scan(options, cancellationToken: console.Cancellation);
            var baseline = Baseline.From(result.Findings, result.StartedAt, result.ToolVersion);
            var path = Path.GetFullPath(Path.Combine(console.WorkingDirectory, parse.GetValue(output)!));
            try { File.WriteAllText(path, baseline.ToJson()); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw new UsageException($"cannot write {path}: {ex.Message}"); }
            console.Out.WriteLine($"baseline with {baseline.Findings.Count} finding(s) written to {path}");
            if (result.Incomplete)
            {
                console.Error.WriteLine("warning: the scan was incomplete; the baseline may miss findings:");
                foreach (var d in result.Diagnostics.Where(d => d.Incomplete)) console.Error.WriteLine($"  {d.Path}: {d.Message}");
                return ExitCodes.Incomplete;
            }
            return ExitCodes.Clean;
        });
        var command = new Command("baseline", "Manage baselines of accepted findings.");
        command.Subcommands.Add(create);
        return command;
    }
}
