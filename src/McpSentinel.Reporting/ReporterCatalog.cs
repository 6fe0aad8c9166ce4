namespace McpSentinel.Reporting;

/// <summary>Every output format, registered explicitly here.</summary>
public static class ReporterCatalog
{
    public static readonly IReadOnlyList<string> Formats = ["text", "json", "sarif"];

    public static IReporter Create(string format, bool color = false, int width = 120) => format.ToLowerInvariant() switch
    {
        "text" => new TextReporter(color, width),
        "json" => new JsonReporter(),
        "sarif" => new SarifReporter(),
        _ => throw new ArgumentException($"unknown format '{format}' (available: {string.Join(", ", Formats)})"),
    };
}
