using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Semantic.Syntax;

namespace McpSentinel.Semantic.Taint;

/// <summary>Cheap cross-file flow: a call to a function imported from another file of the project (a relative or
/// project-local import) is followed into that file. The imported file is parsed once per analysed file; its function
/// is analysed with the caller's argument values, so sinks there see the caller's taint, guards there clear it, and the
/// trace crosses files. Bounded: one level (an imported file's own imports are not followed), at most
/// <see cref="MaxImportedFiles"/> files per analysed file.</summary>
internal abstract partial class TaintAnalyzer
{
    internal const int MaxImportedFiles = 8;

    private readonly Dictionary<string, TaintAnalyzer?> _importedFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<(int, string), Value> _importSummaries = [];
    private readonly HashSet<int> _baselines = [];

    /// <summary>The project's files, when the scan provides them; null analyses the file alone.</summary>
    internal ProjectFiles? Project { get; set; }

    /// <summary>True for an analyzer created for an imported file (its own imports are not followed).</summary>
    internal bool IsImportedFile { get; set; }

    /// <summary>Local name → (module as written, name in that module) for the functions this file imports.</summary>
    protected Dictionary<string, (string Module, string Name)> Imports { get; } = new(StringComparer.Ordinal);

    /// <summary>Project-relative paths where a module may live, most likely first (language-specific).</summary>
    protected virtual IEnumerable<string> ModuleCandidates(string module) => [];

    /// <summary>Builds the function table and runs the module level, without analysing every function (for imported files).</summary>
    internal virtual void Prepare(CancellationToken cancellationToken)
    {
    }

    /// <summary>The analyzers of the imported files that were used (their findings and verdicts belong to this analysis).</summary>
    internal IEnumerable<TaintAnalyzer> ImportedAnalyzers => _importedFiles.Values.OfType<TaintAnalyzer>();

    /// <summary>A call to an imported function: analyses it in its own file with these arguments and returns what it
    /// returns, or null when the callee is not an imported project function.</summary>
    protected Value? CallImported(string localName, SyntaxNode callSite, IReadOnlyList<Value?> arguments, IReadOnlyDictionary<string, Value> keywordArguments)
    {
        if (IsImportedFile || Project is null || !Imports.TryGetValue(localName, out var import)) return null;
        var other = ImportedAnalyzer(import.Module);
        if (other is null || !other.Functions.TryGetValue(import.Name, out var function)) return null;
        var step = Step(callSite, $"passed to `{import.Name}()` imported from {other.File.Path}");
        var args = arguments.Select(a => a?.With(step)).ToList();
        var kwargs = keywordArguments.ToDictionary(k => k.Key, k => k.Value.With(step), StringComparer.Ordinal);
        var result = other.AnalyzeImported(function, args, kwargs);
        return Through(result, callSite, () => $"returned by `{import.Name}()` ({other.File.Path})");
    }

    /// <summary>The function an imported name refers to, with the analyzer of its file (for the read-only check).</summary>
    protected (TaintAnalyzer Analyzer, SyntaxNode Function)? ImportedFunction(string localName)
    {
        if (IsImportedFile || Project is null || !Imports.TryGetValue(localName, out var import)) return null;
        var other = ImportedAnalyzer(import.Module);
        return other is not null && other.Functions.TryGetValue(import.Name, out var function) ? (other, function) : null;
    }

    private Value AnalyzeImported(SyntaxNode function, IReadOnlyList<Value?> arguments, IReadOnlyDictionary<string, Value> keywordArguments)
    {
        var key = (function.Start, string.Join(",", arguments.Select(a => a is null ? "-" : a.Kind + (a.HasLabels ? "+" + string.Join("+", a.Labels.Keys) : "")))
            + "|" + string.Join(",", keywordArguments.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => k.Key + "=" + k.Value.Kind)));
        if (_importSummaries.TryGetValue(key, out var cached)) return cached;
        _importSummaries[key] = Value.Unknown; // recursion guard
        if (_baselines.Add(function.Start))
        {
            // first, as that file's own analysis sees it (parameters of unknown origin): a verdict of "safe" on a sink
            // there must not come from one caller's constant arguments
            AnalyzeFunction(function, [Value.Unknown], new Dictionary<string, Value>());
        }
        var args = arguments.Count == 0 ? [Value.Unknown] : arguments; // never taken for a handler of that file
        var result = AnalyzeFunction(function, args, keywordArguments);
        _importSummaries[key] = result;
        return result;
    }

    private TaintAnalyzer? ImportedAnalyzer(string module)
    {
        if (_importedFiles.TryGetValue(module, out var known)) return known;
        TaintAnalyzer? analyzer = null;
        if (_importedFiles.Count < MaxImportedFiles && Project is not null)
        {
            foreach (var candidate in ModuleCandidates(module))
            {
                if (candidate == File.Path || !Project.Contains(candidate) || Project.Get(candidate) is not { } file) continue;
                if (SemanticEngine.GrammarOf(file) is not { } grammar) continue;
                var parsed = SyntaxParser.Parse(file.Text, grammar);
                if (parsed.Root is null || parsed.HasErrors) break;
                analyzer = grammar == Grammar.Python ? new PythonAnalyzer(file, parsed.Root) : new JavaScriptAnalyzer(file, parsed.Root);
                analyzer.IsImportedFile = true;
                try
                {
                    analyzer.Prepare(CancellationToken.None);
                }
                catch (InsufficientExecutionStackException)
                {
                    analyzer = null;
                }
                break;
            }
        }
        _importedFiles[module] = analyzer;
        return analyzer;
    }

    /// <summary>Normalises a '/'-separated relative path ("a/./b/../c" → "a/c"); null when it leaves the project root.</summary>
    protected static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }

    /// <summary>The folder of this file, relative to the scan root ("" at the root).</summary>
    protected string Folder => File.Path.Contains('/', StringComparison.Ordinal) ? File.Path[..File.Path.LastIndexOf('/')] : "";
}
