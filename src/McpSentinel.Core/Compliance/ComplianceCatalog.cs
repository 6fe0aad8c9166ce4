using System.Text.Json;

namespace McpSentinel.Core.Compliance;

/// <summary>The mapping tables kept as data (<c>Intel/Data/mappings.json</c>, embedded): finding categories to OWASP
/// LLM Top 10 (2025), OWASP MCP Top 10, MITRE ATT&amp;CK and ATLAS, and compliance frameworks' controls to the
/// categories that are evidence against them.</summary>
public sealed partial class ComplianceCatalog
{
    public sealed record CategoryMapping(IReadOnlyList<string> OwaspLlm, IReadOnlyList<string> OwaspMcp, IReadOnlyList<string> Attack, IReadOnlyList<string> Atlas);

    public sealed record Control(string Id, string Title, IReadOnlyList<string> Categories);

    public sealed record Framework(string Name, IReadOnlyList<Control> Controls);

    internal sealed record File(Dictionary<string, CategoryMapping> Categories, Dictionary<string, Framework> Frameworks);

    /// <summary>Source-generated reader of the mapping file (no reflection; Native-AOT safe).</summary>
    [System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    [System.Text.Json.Serialization.JsonSerializable(typeof(File))]
    internal sealed partial class FileJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

    private ComplianceCatalog(IReadOnlyDictionary<string, CategoryMapping> categories, IReadOnlyDictionary<string, Framework> frameworks)
    {
        Categories = categories;
        Frameworks = frameworks;
    }

    public IReadOnlyDictionary<string, CategoryMapping> Categories { get; }
    public IReadOnlyDictionary<string, Framework> Frameworks { get; }

    private static readonly Lazy<ComplianceCatalog> Bundled = new(() =>
    {
        using var stream = typeof(ComplianceCatalog).Assembly.GetManifestResourceStream("intel/mappings.json")
            ?? throw new InvalidOperationException("the bundled mapping tables are missing from this build");
        var file = JsonSerializer.Deserialize(stream, FileJsonContext.Default.File)
            ?? throw new InvalidOperationException("the bundled mapping tables are empty");
        return new ComplianceCatalog(file.Categories, file.Frameworks);
    });

    public static ComplianceCatalog Default => Bundled.Value;
}
