using McpSentinel.Core.Model;
using McpSentinel.Reporting;

namespace McpSentinel.Cli.Commands;

/// <summary>Which formats go where: <c>--format</c> and <c>--output</c> pair up in order; an output without a format takes
/// it from its extension; a format without an output goes to standard output (only one may).</summary>
public sealed class OutputPlan
{
    private readonly List<(string Format, string? Path)> _targets;

    private OutputPlan(List<(string Format, string? Path)> targets) => _targets = targets;

    public bool WritesToStdout => _targets.Any(t => t.Path is null);

    /// <summary>Pairs formats with outputs. With <paramref name="outputDirectory"/>, every format without an output is written
    /// there under its standard name (mcp-sentinel.json, .sarif, .html, …); with no format at all, every format is.</summary>
    public static OutputPlan Create(string[] formats, string[] outputs, CliConsole console, string? outputDirectory = null)
    {
        var list = new List<(string, string?)>();
        var fs = formats.SelectMany(f => f.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Select(f => f.ToLowerInvariant()).ToArray();
        foreach (var f in fs.Where(f => !ReporterCatalog.Formats.Contains(f)))
        {
            throw new UsageException($"--format: unknown format '{f}' (available: {string.Join(", ", ReporterCatalog.Formats)})");
        }
        string? dir = outputDirectory is null ? null : Path.GetFullPath(Path.Combine(console.WorkingDirectory, outputDirectory));
        if (dir is not null && fs.Length == 0 && outputs.Length == 0) fs = [.. ReporterCatalog.Formats];
        for (int i = 0; i < Math.Max(fs.Length, outputs.Length); i++)
        {
            string? path = i < outputs.Length ? Path.GetFullPath(Path.Combine(console.WorkingDirectory, outputs[i])) : null;
            string format = i < fs.Length ? fs[i] : FromExtension(outputs[i]);
            if (path is null && dir is not null) path = Path.Combine(dir, ReporterCatalog.StandardFileName(format));
            list.Add((format, path));
        }
        if (list.Count == 0) list.Add(("text", null));
        if (list.Count(t => t.Item2 is null) > 1)
        {
            throw new UsageException("only one format can go to standard output; give an --output for each of the others (or --output-dir)");
        }
        foreach (var (format, _) in list.Where(t => t.Item2 is null && ReporterCatalog.BinaryFormats.Contains(t.Item1) && console.OutputIsTerminal))
        {
            throw new UsageException($"--format {format} is binary: give --output FILE or --output-dir DIR, or redirect standard output");
        }
        var duplicate = list.Where(t => t.Item2 is not null).GroupBy(t => t.Item2, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new UsageException($"{duplicate.Key} is the output of more than one format");
        return new OutputPlan(list);
    }

    private static string FromExtension(string path)
    {
        var lower = path.ToLowerInvariant();
        if (lower.EndsWith(".sarif", StringComparison.Ordinal) || lower.EndsWith(".sarif.json", StringComparison.Ordinal)) return "sarif";
        if (lower.EndsWith(".json", StringComparison.Ordinal)) return "json";
        if (lower.EndsWith(".txt", StringComparison.Ordinal) || lower.EndsWith(".log", StringComparison.Ordinal)) return "text";
        if (lower.EndsWith(".html", StringComparison.Ordinal) || lower.EndsWith(".htm", StringComparison.Ordinal)) return "html";
        if (lower.EndsWith(".pdf", StringComparison.Ordinal)) return "pdf";
        if (lower.EndsWith(".xlsx", StringComparison.Ordinal)) return "xlsx";
        if (lower.EndsWith(".md", StringComparison.Ordinal) || lower.EndsWith(".markdown", StringComparison.Ordinal)) return "markdown";
        if (lower.EndsWith(".xml", StringComparison.Ordinal)) return "junit";
        if (lower.EndsWith(".csv", StringComparison.Ordinal)) return "csv";
        throw new UsageException($"--output {path}: cannot tell the format from the extension; add --format");
    }

    public void Write(ScanResult result, CliConsole console)
    {
        foreach (var (format, path) in _targets)
        {
            if (path is null)
            {
                var reporter = ReporterCatalog.Create(format, color: format == "text" && console.ColorOnOut, width: ConsoleWidth(console));
                console.Out.Flush();
                reporter.Write(result, console.StandardOutput);
                console.StandardOutput.Flush();
                continue;
            }
            try
            {
                var dir = Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
                using var stream = File.Create(path);
                ReporterCatalog.Create(format).Write(result, stream);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write {path}: {ex.Message}");
            }
        }
    }

    private static int ConsoleWidth(CliConsole console)
    {
        if (!console.OutputIsTerminal) return 120;
        try { return Math.Clamp(Console.WindowWidth, 60, 200); }
        catch (IOException) { return 120; }
    }
}
