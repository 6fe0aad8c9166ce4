using System.Globalization;
using McpSentinel.Core.Model;
using McpSentinel.Core.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace McpSentinel.Reporting;

/// <summary>The human report: findings grouped by file with severity colours (when the terminal supports them),
/// diagnostics, and a summary table. Plain text when <see cref="Color"/> is off (piped output, files, NO_COLOR).</summary>
public sealed class TextReporter : IReporter
{
    public TextReporter(bool color = false, int width = 120)
    {
        Color = color;
        Width = width;
    }

    public bool Color { get; }
    public int Width { get; }
    public string Format => "text";
    public string Extension => ".txt";

    public void Write(ScanResult result, Stream output)
    {
        using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = Color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = Width;
        Render(result, console);
        writer.Flush();
    }

    public static void Render(ScanResult result, IAnsiConsole console)
    {
        console.MarkupLine(
            $"[bold]mcp-sentinel {Safe(result.ToolVersion)}[/] · scanned {result.FilesScanned} file(s)" +
            (result.FilesSkipped > 0 ? $" ({result.FilesSkipped} skipped)" : "") +
            $" in {result.DurationMs.ToString(CultureInfo.InvariantCulture)} ms · engines: {Safe(string.Join(", ", result.Engines))}");
        console.MarkupLine($"[grey]target: {Safe(result.Target)}[/]");
        if (result.LiveCoverage is { } live)
        {
            console.MarkupLine((live.Failed.Count > 0 ? "[yellow]" : "[grey]") + Safe(live.Describe()) + "[/]");
            if (live.Servers.Count > 1 || live.Skipped.Count > 0)
            {
                foreach (var s in live.Servers)
                {
                    var color = s.Status == LiveServerStatus.Started ? "grey" : "yellow";
                    console.MarkupLine($"[{color}]  {Safe(s.Status),-8} {Safe(s.Server)}  {Safe(s.Target)}" + (s.Source is null ? "" : $"  ({Safe(s.Source)})") + (s.Reason is null ? "" : $": {Safe(s.Reason)}") + "[/]");
                }
            }
        }
        console.WriteLine();

        // files with the riskiest finding first; findings in file order within a file
        foreach (var group in result.Findings.GroupBy(f => f.Location.Path ?? f.Location.LogicalPath ?? "(surface)")
            .Select((g, i) => (g, i)).OrderByDescending(x => x.g.Max(Formatting.RiskOrder.Score)).ThenBy(x => x.i).Select(x => x.g))
        {
            console.MarkupLine($"[bold underline]{Safe(group.Key)}[/]");
            foreach (var f in group)
            {
                var where = f.Location.Path is null ? Safe(f.Location.LogicalPath ?? "") : $"{f.Location.StartLine}:{f.Location.StartColumn}";
                console.MarkupLine($"  {SeverityMarkup(f.Severity)} {where,-8} [bold]{Safe(f.RuleId)}[/] {Safe(f.Title)}");
                console.MarkupLine($"           [grey]{Safe(f.Category)} · {Safe(string.Join(", ", f.Cwe))} · confidence {f.Confidence.ToWord()} · {Safe(f.Engine)}[/]");
                console.MarkupLine($"           [grey]{Safe(RiskWords.Describe(f.Risk ?? RiskScore.Assess(f)))}[/]");
                if (f.Evidence.Length > 0) console.MarkupLine($"           [grey]│[/] {Safe(f.Evidence)}");
                if (f.Trace is { Count: > 0 } trace)
                {
                    foreach (var step in trace)
                    {
                        console.MarkupLine($"           [grey]↳ {Safe(step.Path)}:{step.Line} {Safe(step.Note)}:[/] {Safe(step.Snippet)}");
                    }
                }
                console.MarkupLine($"           [green]fix:[/] {Safe(f.Remediation)}");
            }
            console.WriteLine();
        }
        if (result.Findings.Count == 0)
        {
            console.MarkupLine(result.Incomplete ? "[yellow]No findings in what could be scanned — but the scan was incomplete (see diagnostics).[/]" : "[green]No findings.[/]");
            console.WriteLine();
        }

        if (result.Diagnostics.Count > 0)
        {
            console.MarkupLine($"[bold]Diagnostics ({result.Diagnostics.Count})[/]");
            foreach (var d in result.Diagnostics.Take(50))
            {
                var mark = d.Incomplete ? "[red]incomplete[/]" : "[grey]note[/]";
                console.MarkupLine($"  {mark} {Safe(d.Path)}: {Safe(d.Message)}");
            }
            if (result.Diagnostics.Count > 50) console.MarkupLine($"  [grey]… and {result.Diagnostics.Count - 50} more (see the JSON report)[/]");
            console.WriteLine();
        }

        var summary = result.Summary;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Severity").AddColumn(new TableColumn("Findings").RightAligned());
        foreach (var (severity, count) in new[] { (Severity.Critical, summary.Critical), (Severity.High, summary.High), (Severity.Medium, summary.Medium), (Severity.Low, summary.Low), (Severity.Info, summary.Info) })
        {
            table.AddRow(new Markup(SeverityMarkup(severity)), new Text(count.ToString(CultureInfo.InvariantCulture)));
        }
        table.AddRow(new Markup("[grey]suppressed[/]"), new Text(summary.Suppressed.ToString(CultureInfo.InvariantCulture)));
        table.AddRow(new Markup("[bold]total[/]"), new Markup($"[bold]{summary.Total}[/]"));
        console.Write(table);
        console.MarkupLine($"Risk score: [bold]{summary.RiskScore}/100[/]" + (result.Incomplete ? " · [red]scan incomplete[/]" : ""));
    }

    /// <summary>Scanned text for a terminal: control and hidden characters (NUL, BEL, ESC, bidi…) shown as &lt;U+XXXX&gt;, markup escaped.</summary>
    private static string Safe(string text) => Markup.Escape(VisibleText.Render(text));

    public static string SeverityMarkup(Severity severity) => severity switch
    {
        Severity.Critical => "[bold white on red]CRITICAL[/]",
        Severity.High => "[bold red]HIGH    [/]",
        Severity.Medium => "[yellow]MEDIUM  [/]",
        Severity.Low => "[blue]LOW     [/]",
        _ => "[grey]INFO    [/]",
    };
}
