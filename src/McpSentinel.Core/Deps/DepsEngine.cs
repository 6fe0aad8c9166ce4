using McpSentinel.Core.Discovery;
using McpSentinel.Core.Intel;
using McpSentinel.Core.Intel.Versioning;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;

namespace McpSentinel.Core.Deps;

/// <summary>
/// The "deps" engine: a project-level pass over the targets' manifests and lock files. It reports
/// <list type="bullet">
/// <item>MCP-DEP-001 — a dependency whose resolved or pinned version has a known vulnerability (high confidence),
/// or whose declared range admits one while no lock file says what is installed (low severity, low confidence);</item>
/// <item>MCP-DEP-002 — a known malicious release (CWE-506);</item>
/// <item>MCP-DEP-003 — a name that looks like a well-known MCP package but is not it (typosquat heuristic).</item>
/// </list>
/// A lock file in the manifest's folder or an ancestor folder decides the version of the packages it lists; the
/// manifest's range is only used for packages no lock file resolves. Pure over the collected files: no network.
/// </summary>
public sealed class DepsEngine
{
    public const string EngineName = "deps";
    public const string VulnerableRule = "MCP-DEP-001";
    public const string MaliciousRule = "MCP-DEP-002";
    public const string TyposquatRule = "MCP-DEP-003";

    private static readonly string[] Owasp = ["LLM03:2025"];

    /// <summary>What the engine's rules say about themselves (reports' rule tables, SARIF, docs/rules pages).</summary>
    public static readonly IReadOnlyList<RuleMetadata> Rules =
    [
        Meta(VulnerableRule, "Dependency with a known vulnerability", Severity.High, Confidence.High, ["CWE-1395"],
            "A dependency resolves to (or its declared range admits) a version with a known vulnerability, from the bundled MCP advisory data or imported OSV data.",
            "Upgrade to the fixed version (or later) and commit the lock file."),
        Meta(MaliciousRule, "Known malicious package release", Severity.Critical, Confidence.High, ["CWE-506"],
            "A dependency resolves to (or its declared range admits) a release reported as malicious.",
            "Remove the package, rotate the credentials it could reach, and review what it sent."),
        Meta(TyposquatRule, "Possible typosquat of a well-known MCP package", Severity.Medium, Confidence.Medium, ["CWE-1357"],
            "A declared dependency's name is one or two edits, a look-alike character or a dropped scope away from a well-known MCP package.",
            "Check that the dependency is the package you meant."),
    ];

    private static RuleMetadata Meta(string id, string title, Severity severity, Confidence confidence, string[] cwe, string description, string remediation) => new()
    {
        Id = id, Title = title, Category = Categories.SupplyChain, Severity = severity, Confidence = confidence, Message = title,
        Description = description, Remediation = remediation, Cwe = cwe, Owasp = ["LLM03:2025"], Mitre = ["T1195.001"],
    };
    private static readonly string[] Mitre = ["T1195.001"];

    private readonly AdvisoryDatabase _db;
    private readonly TyposquatDetector _typosquats;

    public DepsEngine(AdvisoryDatabase db, TyposquatDetector? typosquats = null)
    {
        _db = db;
        _typosquats = typosquats ?? TyposquatDetector.Bundled;
    }

    public sealed record Result(IReadOnlyList<Finding> Findings, IReadOnlyList<ScanDiagnostic> Diagnostics, IReadOnlyList<DependencyCollector.ManifestFile> Manifests);

    public Result Analyze(IReadOnlyList<string> targets, DiscoveryOptions options, CancellationToken cancellationToken = default)
    {
        var diagnostics = new List<ScanDiagnostic>();
        var manifests = DependencyCollector.Collect(targets, options, diagnostics.Add, cancellationToken);
        return new Result(Evaluate(manifests), diagnostics, manifests);
    }

    /// <summary>Findings for already-collected manifests (deterministic order).</summary>
    public IReadOnlyList<Finding> Evaluate(IReadOnlyList<DependencyCollector.ManifestFile> manifests)
    {
        var findings = new List<Finding>();
        // (ecosystem, folder) -> names resolved by a lock file in that folder
        var locked = new Dictionary<(string, string), HashSet<string>>();
        foreach (var m in manifests.Where(m => DependencyCollector.IsLock(m.Kind)))
        {
            foreach (var d in m.Dependencies)
            {
                var key = (d.Ecosystem, Folder(m.Path));
                if (!locked.TryGetValue(key, out var set)) locked[key] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(Ecosystems.NormalizeName(d.Ecosystem, d.Name));
            }
        }

        foreach (var manifest in manifests)
        {
            var lines = ReadLines(manifest);
            foreach (var dep in manifest.Dependencies)
            {
                var scheme = VersionScheme.For(dep.Ecosystem);
                if (scheme is null) continue;
                var evidence = Evidence(lines, dep.Line);
                bool resolvedByLock = !dep.FromLock && dep.Launcher is null && IsLocked(locked, dep);
                var advisories = _db.For(dep.Ecosystem, dep.Name);
                if (advisories.Count > 0 && !resolvedByLock)
                {
                    // an image digest or a non-version tag is exact too: it can match an advisory's explicit versions
                    if (dep.Version is { } version && (scheme.IsValid(version) || dep.Ecosystem == Ecosystems.Oci))
                    {
                        var hits = advisories.Where(a => a.Affects(scheme, version)).ToList();
                        AddFindings(findings, dep, hits, scheme, evidence, exact: true);
                    }
                    else if (dep.Declared is { } declared && scheme.ParseRange(declared) is { } intervals)
                    {
                        var hits = advisories.Where(a => a.Overlaps(scheme, intervals)).ToList();
                        AddFindings(findings, dep, hits, scheme, evidence, exact: false);
                    }
                }
                if (!dep.FromLock && _typosquats.Check(dep.Ecosystem, dep.Name) is { } squat)
                {
                    findings.Add(Make(TyposquatRule, $"Possible typosquat of {squat.Lookalike}: {dep.Name}", Severity.Medium, squat.Confidence, dep, evidence,
                        $"The dependency '{dep.Name}' looks like the well-known MCP package '{squat.Lookalike}' ({squat.Reason}). Typosquatted MCP packages run with the agent's privileges.",
                        $"Check that '{dep.Name}' is the package you meant; if you meant '{squat.Lookalike}', depend on that name.",
                        ["CWE-1357"], []));
                }
            }
        }
        return findings;
    }

    private void AddFindings(List<Finding> findings, Dependency dep, List<Advisory> hits, VersionScheme scheme, string evidence, bool exact)
    {
        if (hits.Count == 0) return;
        var shown = exact ? dep.Version! : dep.Declared!;
        var confidence = exact ? Confidence.High : Confidence.Low;
        var where = dep.FromLock ? "resolved in the lock file" : dep.Launcher is { } launcher ? $"launched by {launcher} in a client configuration" : exact ? "pinned" : "declared";

        var malicious = hits.Where(a => a.IsMalicious).ToList();
        if (malicious.Count > 0)
        {
            var a = malicious[0];
            var severity = exact ? Severity.Critical : Severity.Medium;
            findings.Add(Make(MaliciousRule, $"Malicious package: {dep.Name} {shown}", severity, confidence, dep, evidence,
                exact
                    ? $"{dep.Name} {shown} ({where}) is a known malicious release ({a.DisplayId}): {a.Summary}"
                    : $"The declared range '{shown}' of {dep.Name} admits known malicious releases ({a.DisplayId}); no lock file says which version is installed. {a.Summary}",
                $"Remove {dep.Name}, rotate any credentials and data it could reach, and review what it sent. {a.Note}".Trim(),
                ["CWE-506", .. a.Cwe.Where(c => c != "CWE-506")], [.. a.References, .. Source(a)])
                with { Signals = new RiskSignals { Exploitation = Exploitation.Malicious, ExploitationSource = a.Source } });
        }

        var vulns = hits.Where(a => !a.IsMalicious).OrderByDescending(a => a.SeverityLevel).ThenBy(a => a.DisplayId, StringComparer.Ordinal).ToList();
        if (vulns.Count == 0) return;
        var top = vulns[0];
        var fixes = vulns.Select(a => a.FixedAbove(scheme, exact ? dep.Version : null)).ToList();
        string fixText = fixes.Any(f => f is null)
            ? "no fixed release is known for " + string.Join(", ", vulns.Where((_, i) => fixes[i] is null).Select(a => a.DisplayId))
            : "upgrade to " + fixes.OfType<string>().OrderBy(f => f, Comparer<string>.Create(scheme.Compare)).Last() + " or later";
        var ids = string.Join(", ", vulns.Select(a => $"{a.DisplayId} ({a.Severity}{(a.Cvss?.Score is { } s ? $", CVSS {a.Cvss.Version} {s:0.0}" : "")})"));
        var notes = string.Join(" ", vulns.Select(a => a.Note).OfType<string>().Distinct());
        var message = exact
            ? $"{dep.Name} {shown} ({where}) has {Count(vulns.Count)}: {ids}. {top.Summary}"
            : $"The declared range '{shown}' of {dep.Name} admits versions with {Count(vulns.Count)}: {ids}; no lock file says which version is installed. {top.Summary}";
        var remediation = exact
            ? $"{char.ToUpperInvariant(fixText[0])}{fixText[1..]}." + (notes.Length > 0 ? " Data note: " + notes : "")
            : $"Raise the lower bound of the range so that it excludes the affected versions ({fixText}), and commit a lock file.";
        var severityLevel = exact ? top.SeverityLevel : Severity.Low;
        var cwe = new List<string> { "CWE-1395" };
        cwe.AddRange(vulns.SelectMany(a => a.Cwe).Where(c => c != "CWE-1395").Distinct());
        var exploited = vulns.FirstOrDefault(a => a.Exploited is not null);
        if (exploited is not null) message += $" {exploited.DisplayId} is known to be exploited in the wild ({exploited.Exploited!.Note ?? exploited.Exploited.Source}).";
        findings.Add(Make(VulnerableRule, $"Vulnerable dependency: {dep.Name} {shown} ({top.DisplayId}{(vulns.Count > 1 ? $" and {vulns.Count - 1} more" : "")})",
            severityLevel, confidence, dep, evidence, message, remediation, cwe,
            vulns.SelectMany(a => a.References.Concat(Source(a))).Concat(exploited is null ? [] : [exploited.Exploited!.Source]).Distinct().ToArray())
            with { Signals = exploited is null ? null : new RiskSignals { Exploitation = Exploitation.KnownExploited, ExploitationSource = exploited.Exploited!.Source } });
    }

    private static IEnumerable<string> Source(Advisory a) => a.Source is { } s && s.StartsWith("http", StringComparison.Ordinal) ? [s] : [];

    private static string Count(int n) => n == 1 ? "a known vulnerability" : $"{n} known vulnerabilities";

    private static Finding Make(string rule, string title, Severity severity, Confidence confidence, Dependency dep, string evidence,
        string message, string remediation, IReadOnlyList<string> cwe, IReadOnlyList<string> references) => new()
    {
        Fingerprint = "",
        RuleId = rule,
        Title = title,
        Category = Categories.SupplyChain,
        Severity = severity,
        Confidence = confidence,
        Engine = EngineName,
        Message = message,
        Remediation = remediation,
        Location = new Location(dep.Path, dep.Line, 1, dep.Line, Math.Max(1, evidence.Length + 1)),
        Evidence = evidence.Trim(),
        Cwe = cwe,
        Owasp = Owasp,
        Mitre = Mitre,
        References = references,
    };

    private static bool IsLocked(Dictionary<(string, string), HashSet<string>> locked, Dependency dep)
    {
        var name = Ecosystems.NormalizeName(dep.Ecosystem, dep.Name);
        var folder = Folder(dep.Path);
        while (true)
        {
            if (locked.TryGetValue((dep.Ecosystem, folder), out var set) && set.Contains(name)) return true;
            if (folder.Length == 0) return false;
            int slash = folder.LastIndexOf('/');
            folder = slash < 0 ? "" : folder[..slash];
        }
    }

    private static string Folder(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    private static string[] ReadLines(DependencyCollector.ManifestFile manifest) => manifest.Lines;

    private static string Evidence(string[] lines, int line)
    {
        var text = line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r').Trim() : "";
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
