namespace McpSentinel.Reporting;

/// <summary>Every output format, registered explicitly here.</summary>
public static class ReporterCatalog
{
    public static readonly IReadOnlyList<string> Formats = ["text", "json", "sarif", "html", "pdf", "xlsx", "markdown", "junit", "csv"];

    /// <summary>Formats that are binary: never written to a terminal.</summary>
    public static readonly IReadOnlyList<string> BinaryFormats = ["pdf", "xlsx"];

    /// <summary>The standard file name of each format under <c>--output-dir</c>.</summary>
    public static string StandardFileName(string format) => "mcp-sentinel" + Create(format).Extension;

    public static IReporter Create(string format, bool color = false, int width = 120) => format.ToLowerInvariant() switch
    {
        "text" => new TextReporter(color, width),
        "json" => new JsonReporter(),
        "sarif" => new SarifReporter(),
        "html" => new HtmlReporter(),
        "pdf" => new PdfReporter(),
        "xlsx" => new XlsxReporter(),
        "markdown" => new MarkdownReporter(),
        "junit" => new JUnitReporter(),
        "csv" => new CsvReporter(),
        _ => throw new ArgumentException($"unknown format '{format}' (available: {string.Join(", ", Formats)})"),
    };
}
