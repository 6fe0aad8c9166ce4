using System.CommandLine;
using McpSentinel.Reporting;

namespace McpSentinel.Cli.Commands;

/// <summary><c>mcp-sentinel report --from scan.json</c>: re-render a saved JSON report in other formats without scanning.</summary>
public static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        var from = new Option<string>("--from") { Description = "A JSON report written by 'scan --format json' (schemaVersion 1.0).", Required = true };
        var format = new Option<string[]>("--format", "-f") { Description = "Output format: " + string.Join(", ", ReporterCatalog.Formats) + " (repeatable; pairs with --output in order)." };
        var output = new Option<string[]>("--output", "-o") { Description = "Write the report to this file (repeatable; the format is taken from --format or the extension)." };
        var outputDir = new Option<string?>("--output-dir") { Description = "Write every requested format (all formats when none is given) into this folder under its standard name." };

        var command = new Command("report", "Render a saved JSON report in other formats (html, pdf, xlsx, markdown, junit, csv, sarif, text) without scanning again.");
        foreach (var option in new Option[] { from, format, output, outputDir }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var plan = OutputPlan.Create(parse.GetValue(format) ?? [], parse.GetValue(output) ?? [], console, parse.GetValue(outputDir));
            var path = Path.GetFullPath(Path.Combine(console.WorkingDirectory, parse.GetValue(from)!));
            if (!File.Exists(path)) throw new UsageException($"--from: file not found: {path}");
            Core.Model.ScanResult result;
            try
            {
                result = JsonReportReader.ReadFile(path);
            }
            catch (FormatException ex)
            {
                throw new UsageException("--from: not a mcp-sentinel JSON report: " + ex.Message);
            }
            plan.Write(result, console);
            return ExitCodes.Clean;
        });
        return command;
    }
}
