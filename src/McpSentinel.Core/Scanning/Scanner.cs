using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using McpSentinel.Core.Deps;
using McpSentinel.Core.Discovery;
using McpSentinel.Core.Intel;
using McpSentinel.Core.Model;
using McpSentinel.Core.Suppression;

namespace McpSentinel.Core.Scanning;

/// <summary>
/// Runs a scan: collects files from every target, reads them, runs the engines on each file in parallel,
/// applies inline suppressions, and aggregates everything into one immutable <see cref="ScanResult"/>.
/// </summary>
public sealed class Scanner
{
    /// <summary>Engine names a scan may ask for. The semantic engine comes from an <see cref="IEngineProvider"/> given by the host.</summary>
    public static readonly IReadOnlyList<string> KnownEngines = [StaticEngine.EngineName, SemanticEngineName, Configs.ConfigEngine.EngineName, DepsEngine.EngineName, Surface.SurfaceEngine.EngineName];

    public const string SemanticEngineName = "semantic";

    private readonly TimeProvider _time;
    private readonly IReadOnlyList<IEngineProvider> _providers;

    public Scanner(TimeProvider? time = null, IEnumerable<IEngineProvider>? engines = null)
    {
        _time = time ?? TimeProvider.System;
        _providers = engines?.ToArray() ?? [];
    }

    public static string ToolVersion { get; } =
        typeof(Scanner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public ScanResult Scan(ScanOptions options, IProgress<ScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = _time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var diagnostics = new ConcurrentQueue<ScanDiagnostic>();
        var engines = CreateEngines(options, diagnostics.Enqueue);

        var files = new List<DiscoveredFile>();
        var surfaces = new List<Surface.ServerSurface>(options.Surfaces);
        foreach (var d in options.CollectorDiagnostics) diagnostics.Enqueue(d);
        int snapshots = 0;
        foreach (var target in options.Targets)
        {
            if (File.Exists(target) && Surface.SurfaceSnapshot.LooksLikeSnapshot(target))
            {
                snapshots++;
                LoadSnapshot(target, surfaces, diagnostics.Enqueue);
                continue;
            }
            files.AddRange(Collect(target, options.Discovery, diagnostics.Enqueue));
        }
        files.AddRange(options.ExtraFiles);
        foreach (var d in options.ExtraDiagnostics) diagnostics.Enqueue(d);

        var raw = new ConcurrentQueue<Finding>();
        var inlineSuppressed = new ConcurrentQueue<Finding>();
        var judged = new ConcurrentQueue<JudgedSink>();
        int scanned = 0, skipped = 0, done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancellationToken };
        Parallel.ForEach(files, parallel, file =>
        {
            var outcome = FileReader.Read(file, options.Discovery.MaxFileSize);
            if (outcome.Diagnostic is not null) diagnostics.Enqueue(outcome.Diagnostic);
            if (outcome.File is null)
            {
                if (outcome.Diagnostic is not null) Interlocked.Increment(ref skipped);
            }
            else
            {
                Interlocked.Increment(ref scanned);
                AnalyzeFile(outcome.File, engines, raw, inlineSuppressed, diagnostics, judged, cancellationToken);
            }
            progress?.Report(new ScanProgress(Interlocked.Increment(ref done), files.Count));
        });

        // project-level engines: they read manifests and lock files themselves (discovery skips lock files)
        if (options.Engines.Contains(DepsEngine.EngineName, StringComparer.OrdinalIgnoreCase))
        {
            var deps = new DepsEngine(options.Advisories ?? AdvisoryDatabase.LoadBundled()).Analyze(options.Targets, options.Discovery, cancellationToken);
            foreach (var d in deps.Diagnostics) diagnostics.Enqueue(d);
            foreach (var f in deps.Findings.Where(f => InScope(f, options))) raw.Enqueue(f);
        }

        bool surfaceOn = options.Engines.Contains(Surface.SurfaceEngine.EngineName, StringComparer.OrdinalIgnoreCase) && (surfaces.Count > 0 || options.SurfaceLock is not null);
        foreach (var server in surfaces.Where(s => s.Limits.Count > 0))
        {
            // a capped listing hides items (incomplete); a truncated string was still seen in part (a note)
            bool capped = server.Limits.Any(l => l.Contains("cap", StringComparison.Ordinal));
            diagnostics.Enqueue(new ScanDiagnostic("server:" + server.Name, "the surface hit collection limits: " + string.Join("; ", server.Limits), Incomplete: capped));
        }
        if (surfaceOn)
        {
            var analysis = new Surface.SurfaceEngine(options.Rules).Analyze(surfaces, options.SurfaceLock, options.IdentityViews, cancellationToken);
            foreach (var f in analysis.Findings) raw.Enqueue(f);
            foreach (var d in analysis.Diagnostics) diagnostics.Enqueue(d);
        }

        var aggregator = new FindingAggregator(options.Rules);
        var judgedSet = judged.ToHashSet();
        // disable-rules / severity-overrides for engine rules (MCP-CONF, MCP-SURF, MCP-PIN, MCP-DEP, MCP-TAINT), in one place
        var active = options.Rules.ApplyDetectorSettings(raw).ToList();
        var activeInline = options.Rules.ApplyDetectorSettings(inlineSuppressed).ToList();
        var configFindings = active.Concat(activeInline).Where(f => f.Engine == Configs.ConfigEngine.EngineName).ToList();
        var serverExposure = surfaces.GroupBy(Surface.SurfaceStrings.ServerPath, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Launcher is var l && l.Transport == "http"
                ? ExposureClassifier.Classify(l.Url, l.HeaderNames)
                : l.Transport == "stdio" ? ExposureClassifier.Classify(null, []) : new RiskSignals { Exposure = Exposure.Local, ExposureReason = "run in-process" }, StringComparer.Ordinal);
        var (reported, suppressed) = aggregator.Aggregate(
            ConfigPrecedence(SinkPrecedence.Apply(active, judgedSet), configFindings),
            ConfigPrecedence(SinkPrecedence.Apply(activeInline, judgedSet), configFindings),
            options, DateOnly.FromDateTime(started.UtcDateTime), serverExposure);

        return new ScanResult
        {
            ToolVersion = ToolVersion,
            Target = options.Targets.Count == 0 && options.ExtraFiles.Count > 0 && options.Surfaces.Count == 0
                ? "discovered MCP client configurations"
                : string.Join(", ", options.Targets.Concat(options.Surfaces.Select(x => "live:" + x.Name)).Concat(options.LiveCoverage?.Failed.Select(f => "live:" + f.Server) ?? [])),
            RootPath = options.Targets.Count == 1 && Directory.Exists(options.Targets[0]) ? Path.GetFullPath(options.Targets[0]) : null,
            StartedAt = started,
            DurationMs = stopwatch.ElapsedMilliseconds,
            // the engines that actually ran (a requested engine that could not run is a diagnostic, not listed here)
            Engines = KnownEngines.Where(e =>
                engines.Any(x => x.Name == e)
                || (e == DepsEngine.EngineName && options.Engines.Contains(e, StringComparer.OrdinalIgnoreCase))
                || (e == Surface.SurfaceEngine.EngineName && surfaceOn)).ToArray(),
            FilesScanned = scanned + snapshots,
            FilesSkipped = skipped,
            Diagnostics = diagnostics.OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Message, StringComparer.Ordinal).ToArray(),
            Findings = reported,
            SuppressedFindings = suppressed,
            LiveCoverage = options.LiveCoverage,
            Rules = reported.Concat(suppressed).Select(f => f.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(id => options.Rules.ById.TryGetValue(id, out var rule) ? rule.Metadata : options.Rules.EngineRuleMetadata(id, Rules.EngineRuleCatalog.Core))
                .OfType<Rules.RuleMetadata>().Select(TaxonomyCatalog.Default.Enrich).ToArray(),
        };
    }

    private static IEnumerable<Finding> ConfigPrecedence(IEnumerable<Finding> findings, IReadOnlyCollection<Finding> configFindings) =>
        Configs.ConfigPrecedence.Apply(findings, configFindings);

    private List<IFileEngine> CreateEngines(ScanOptions options, Action<ScanDiagnostic> diagnostic)
    {
        var engines = new List<IFileEngine>();
        foreach (var name in options.Engines.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            switch (name.ToLowerInvariant())
            {
                case StaticEngine.EngineName: engines.Add(new StaticEngine(options.Rules)); continue;
                case Configs.ConfigEngine.EngineName: engines.Add(new Configs.ConfigEngine(options.Rules)); continue;
                case DepsEngine.EngineName: continue; // project-level, run after the per-file engines
                case Surface.SurfaceEngine.EngineName: continue; // runs once over all surfaces, not per file
            }
            if (!KnownEngines.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"unknown engine '{name}' (available: {string.Join(", ", KnownEngines)})");
            var provider = _providers.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (provider is null) diagnostic(new ScanDiagnostic("", $"the {name} engine is not available in this host; it did not run", Incomplete: false));
            else if (provider.UnavailableReason is { } reason) diagnostic(new ScanDiagnostic("", $"the {name} engine did not run: {reason}", Incomplete: false));
            else engines.Add(provider.Create(options));
        }
        return engines;
    }

    private static void AnalyzeFile(SourceFile file, List<IFileEngine> engines, ConcurrentQueue<Finding> raw,
        ConcurrentQueue<Finding> inlineSuppressed, ConcurrentQueue<ScanDiagnostic> diagnostics, ConcurrentQueue<JudgedSink> judged, CancellationToken cancellationToken)
    {
        foreach (var engine in engines)
        {
            FileAnalysis analysis;
            try
            {
                analysis = engine.Analyze(file, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                diagnostics.Enqueue(new ScanDiagnostic(file.Path, $"{engine.Name} engine failed on this file: {ex.GetType().Name}: {ex.Message}", Incomplete: true));
                continue;
            }
            foreach (var d in analysis.Diagnostics) diagnostics.Enqueue(d);
            foreach (var sink in analysis.JudgedSinks) judged.Enqueue(sink);
            foreach (var finding in analysis.Findings)
            {
                if (InlineSuppressions.IsSuppressed(file, finding)) inlineSuppressed.Enqueue(finding);
                else raw.Enqueue(finding);
            }
        }
    }

    private static void LoadSnapshot(string path, List<Surface.ServerSurface> surfaces, Action<ScanDiagnostic> diagnostic)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostic(new ScanDiagnostic(path, "snapshot could not be read: " + ex.Message, Incomplete: true));
            return;
        }
        var (snapshot, error) = Surface.SurfaceSnapshot.Parse(text);
        if (snapshot is null)
        {
            diagnostic(new ScanDiagnostic(path, error ?? "not a snapshot", Incomplete: true));
            return;
        }
        surfaces.AddRange(snapshot.Servers);
    }

    private static Language ShebangOrText(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[256];
            int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return LanguageDetector.FromShebang(head[..read]) ?? Language.Text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Language.Text; // the read that follows reports the error
        }
    }

    /// <summary>With <see cref="DiscoveryOptions.OnlyPaths"/> (diff mode), a finding of a project-level engine counts only
    /// when its file is one of those paths.</summary>
    private static bool InScope(Finding finding, ScanOptions options)
    {
        if (options.Discovery.OnlyPaths is not { } only || finding.Location.Path is not { } path) return true;
        return options.Targets.Any(t => only.Contains(Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Directory.Exists(t) ? t : Path.GetDirectoryName(t) ?? t, path))));
    }

    /// <summary>The files of one target: a directory is walked; a file is taken as it is (even with an unknown extension).</summary>
    private static IEnumerable<DiscoveredFile> Collect(string target, DiscoveryOptions options, Action<ScanDiagnostic> diagnostic)
    {
        if (Directory.Exists(target))
        {
            return FileDiscovery.Walk(target, options, diagnostic);
        }
        if (File.Exists(target))
        {
            var info = new FileInfo(target);
            if (options.OnlyPaths is { } only && !only.Contains(info.FullName)) return [];
            var language = LanguageDetector.FromName(info.Name) ?? ShebangOrText(info.FullName);
            return [new DiscoveredFile(info.FullName, info.Name, language, info.Length)];
        }
        diagnostic(new ScanDiagnostic(target, "target does not exist or cannot be read", Incomplete: true));
        return [];
    }
}
