using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Scanning;

namespace McpSentinel.Core.Configs;

/// <summary>
/// The "config" engine: recognises MCP client configuration files among the scanned files (by location, file name and shape),
/// parses them (JSON with comments, TOML, YAML) and audits every declared server with <see cref="ConfigAuditor"/>.
/// No server is launched. A malformed file at a known client location is an incomplete-scan diagnostic with its line.
/// </summary>
public sealed class ConfigEngine : IFileEngine
{
    public const string EngineName = ConfigAuditor.EngineName;

    private static readonly string[] ShapeKeys = ["mcpServers", "\"servers\"", "servers:", "mcp_servers", "context_servers"];

    private readonly ConfigRecognizer _recognizer;
    private readonly ConfigAuditor _auditor;
    private readonly IReadOnlySet<string> _disabled;
    private readonly IReadOnlyDictionary<string, Severity> _overrides;

    public ConfigEngine(RuleSet? rules = null, ConfigRecognizer? recognizer = null)
    {
        _recognizer = recognizer ?? ConfigRecognizer.Builtin;
        _auditor = new ConfigAuditor(rules);
        _disabled = rules?.DisabledDetectorRules ?? new HashSet<string>();
        _overrides = rules?.DetectorSeverityOverrides ?? new Dictionary<string, Severity>();
    }

    public string Name => EngineName;

    public FileAnalysis Analyze(SourceFile file, CancellationToken cancellationToken)
    {
        if (ConfigFormats.FromFileName(file.Path) is not { } format) return FileAnalysis.None;
        bool known = _recognizer.IsKnownLocation(file.Path);
        if (!known && !ShapeKeys.Any(k => file.Text.Contains(k, StringComparison.Ordinal))) return FileAnalysis.None;

        ConfigNode root;
        try
        {
            root = ConfigDocumentParser.Parse(file.Text, format);
        }
        catch (ConfigParseException ex)
        {
            if (!_recognizer.IsExactLocation(file.Path)) return FileAnalysis.None; // some other malformed file: not ours to judge
            var where = ex.Line > 0 ? $"line {ex.Line}: " : "";
            return new FileAnalysis([], [new ScanDiagnostic(file.Path, $"MCP client configuration not audited: {where}{ex.Message}", Incomplete: true)]);
        }
        var client = _recognizer.Recognize(file.Path, root);
        if (client is null) return FileAnalysis.None;
        var config = ClientConfigReader.Read(file.Path, root, client, format);
        var findings = _auditor.Audit(config)
            .Where(f => !_disabled.Contains(f.RuleId))
            .Select(f => _overrides.TryGetValue(f.RuleId, out var severity) ? f with { Severity = severity } : f)
            .ToList();
        return new FileAnalysis(findings, []);
    }

    /// <summary>Metadata of a config rule, for rule tables in reports.</summary>
    public static RuleMetadata? Rule(string id, RuleSet? rules = null) =>
        ConfigRules.ById.GetValueOrDefault(id) is not { } rule ? null
        : rules is not null && rules.DetectorSeverityOverrides.TryGetValue(id, out var severity) ? rule with { Severity = severity } : rule;
}
