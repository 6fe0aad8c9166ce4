using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Scanning;
using McpSentinel.Core.Surface.Detectors;

namespace McpSentinel.Core.Surface;

/// <summary>
/// The surface engine: runs the rule pack's tool-poisoning and hidden-Unicode text rules (MCP-TP-*, MCP-UNI-*) over
/// every string of every server's surface, then the dedicated MCP-SURF-* detectors, then (with a lock file) the pin
/// comparison. Pure: no I/O; a detector that fails becomes a diagnostic.
/// </summary>
public sealed class SurfaceEngine
{
    public const string EngineName = SurfaceFindings.EngineName;

    /// <summary>Every surface detector, registered explicitly.</summary>
    public static readonly IReadOnlyList<ISurfaceDetector> Detectors =
    [
        new HiddenUnicodeDetector(),
        new AnsiEscapeDetector(),
        new HtmlCommentDetector(),
        new Base64InstructionsDetector(),
        new OversizeDescriptionDetector(),
        new SideChannelParameterDetector(),
        new CrossServerMentionDetector(),
        new DuplicateToolNameDetector(),
        new ConfusableToolNameDetector(),
        new AnnotationContradictionDetector(),
        new ToxicFlowDetector(),
    ];

    private readonly StaticEngine _textRules;

    public SurfaceEngine(RuleSet rules)
    {
        TextRules = new RuleSet(rules.Rules.Where(r => IsTextRule(r.Id)));
        _textRules = new StaticEngine(TextRules);
    }

    /// <summary>The rule-pack rules run over surface strings.</summary>
    public RuleSet TextRules { get; }

    public static bool IsTextRule(string id) => id.StartsWith("MCP-TP-", StringComparison.Ordinal) || id.StartsWith("MCP-UNI-", StringComparison.Ordinal);

    public FileAnalysis Analyze(IReadOnlyList<ServerSurface> servers, SurfaceLock? lockFile, CancellationToken cancellationToken) =>
        Analyze(servers, lockFile, new Dictionary<string, IReadOnlyList<IdentityView>>(), cancellationToken);

    /// <param name="identityViews">Per server name, the surfaces it showed to several client identities (--identities); the
    /// first view is the one in <paramref name="servers"/>.</param>
    public FileAnalysis Analyze(IReadOnlyList<ServerSurface> servers, SurfaceLock? lockFile, IReadOnlyDictionary<string, IReadOnlyList<IdentityView>> identityViews, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var diagnostics = new List<ScanDiagnostic>();
        var context = new SurfaceContext(servers);
        foreach (var s in context.Strings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            findings.AddRange(RunTextRules(s.LogicalPath, s.Text, diagnostics));
        }
        foreach (var detector in Detectors)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                findings.AddRange(detector.Detect(context).ToList());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                diagnostics.Add(new ScanDiagnostic("surface", $"detector {detector.Id} failed: {ex.GetType().Name}: {ex.Message}", Incomplete: true));
            }
        }
        if (lockFile is not null) findings.AddRange(PinComparer.Compare(lockFile, servers, this));
        foreach (var (server, views) in identityViews.OrderBy(kv => kv.Key, StringComparer.Ordinal)) findings.AddRange(IdentityComparer.Compare(server, views, this));
        return new FileAnalysis(findings, diagnostics);
    }

    /// <summary>The rule-pack text rules over one string, located by its logical path.</summary>
    public IEnumerable<Finding> RunTextRules(string logicalPath, string text, List<ScanDiagnostic>? diagnostics = null)
    {
        var analysis = _textRules.Analyze(new SourceFile(logicalPath, Language.Text, text), CancellationToken.None);
        diagnostics?.AddRange(analysis.Diagnostics);
        return analysis.Findings.Select(f => f with
        {
            Engine = EngineName,
            Location = f.Location with { Path = null, LogicalPath = logicalPath },
        });
    }
}
