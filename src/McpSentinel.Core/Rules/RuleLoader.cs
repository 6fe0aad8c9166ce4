using McpSentinel.Core.Yaml;
using YamlDotNet.Core;

namespace McpSentinel.Core.Rules;

/// <summary>Reads rule YAML from the embedded rule pack or from users' directories. Never throws on a bad rule file:
/// every problem becomes a <see cref="RuleError"/>.</summary>
public static class RuleLoader
{
    private const string ResourcePrefix = "rules/";

    /// <summary>The rule pack shipped inside the scanner.</summary>
    public static RuleLoadResult LoadBuiltin()
    {
        var assembly = typeof(RuleLoader).Assembly;
        var rules = new List<CompiledRule>();
        var errors = new List<RuleError>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            LoadText(reader.ReadToEnd(), "builtin:" + name, rules, errors);
        }
        return new RuleLoadResult(rules, errors);
    }

    /// <summary>Every <c>*.yaml</c>/<c>*.yml</c> file under <paramref name="directory"/> (recursively).</summary>
    public static RuleLoadResult LoadDirectory(string directory)
    {
        var rules = new List<CompiledRule>();
        var errors = new List<RuleError>();
        if (!Directory.Exists(directory))
        {
            errors.Add(new RuleError(directory, null, "rule directory does not exist"));
            return new RuleLoadResult(rules, errors);
        }
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new RuleError(directory, null, "cannot list rule directory: " + ex.Message));
            return new RuleLoadResult(rules, errors);
        }
        foreach (var file in files)
        {
            string text;
            try { text = File.ReadAllText(file); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(new RuleError(file, null, "cannot read: " + ex.Message));
                continue;
            }
            LoadText(text, file, rules, errors);
        }
        return new RuleLoadResult(rules, errors);
    }

    /// <summary>Parses one rule file's text.</summary>
    public static RuleLoadResult LoadText(string yaml, string source)
    {
        var rules = new List<CompiledRule>();
        var errors = new List<RuleError>();
        LoadText(yaml, source, rules, errors);
        return new RuleLoadResult(rules, errors);
    }

    private static void LoadText(string yaml, string source, List<CompiledRule> rules, List<RuleError> errors)
    {
        RuleDocument? doc;
        try
        {
            doc = RuleDocument.Read(YamlMap.ParseDocument(yaml));
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            errors.Add(new RuleError(source, null, $"line {ex.Start.Line}, column {ex.Start.Column}: {reason}"));
            return;
        }
        catch (YamlShapeException ex)
        {
            errors.Add(new RuleError(source, null, $"line {ex.Line}, column {ex.Column}: {ex.Message}"));
            return;
        }
        if (doc is null)
        {
            errors.Add(new RuleError(source, null, "empty rule file"));
            return;
        }
        var rule = RuleCompiler.Compile(doc, source, errors);
        if (rule is not null) rules.Add(rule);
    }
}

public sealed record RuleLoadResult(IReadOnlyList<CompiledRule> Rules, IReadOnlyList<RuleError> Errors);
