using System.Text.RegularExpressions;
using McpSentinel.Core.Intel;
using McpSentinel.Core.Intel.Versioning;
using McpSentinel.Core.Text;
using Tomlyn;
using Tomlyn.Model;

namespace McpSentinel.Core.Deps;

/// <summary>requirements*.txt, pyproject.toml (PEP 621 <c>[project] dependencies</c> and optional dependencies,
/// Poetry's <c>[tool.poetry.*dependencies]</c> and groups), poetry.lock and uv.lock.</summary>
internal static partial class PythonParsers
{
    // PEP 508 name, optional extras, then the rest (specifiers and markers)
    [GeneratedRegex(@"^\s*(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Requirement();

    /// <summary>One PEP 508 requirement string as (name, specifiers) — null for URL requirements or garbage.</summary>
    public static (string Name, string Spec)? ParseRequirement(string text)
    {
        var m = Requirement().Match(text);
        if (!m.Success) return null;
        var rest = m.Groups["rest"].Value.Trim();
        if (rest.StartsWith('@')) return null; // a direct URL reference: no version to compare
        int semi = rest.IndexOf(';', StringComparison.Ordinal);
        if (semi >= 0) rest = rest[..semi].Trim();
        if (rest.StartsWith('(') && rest.EndsWith(')')) rest = rest[1..^1].Trim();
        if (rest.Length > 0 && rest[0] is not ('<' or '>' or '=' or '!' or '~')) return null;
        return (m.Groups["name"].Value, rest);
    }

    public static List<Dependency> Requirements(string path, string text)
    {
        var result = new List<Dependency>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            int hash = line.IndexOf(" #", StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            if (line.EndsWith('\\')) line = line[..^1].Trim();
            if (line.Length == 0 || line[0] is '#' or '-') continue; // comments, -r/-c/-e/--hash/--index-url options
            if (line.Contains("://", StringComparison.Ordinal)) continue;
            // strip pip's per-requirement options (--hash=...)
            int opt = line.IndexOf(" --", StringComparison.Ordinal);
            if (opt >= 0) line = line[..opt].Trim();
            if (ParseRequirement(line) is not { } req) continue;
            var pin = Pep440Scheme.Instance.ExactPin(req.Spec);
            result.Add(new Dependency(Ecosystems.PyPI, req.Name, pin, req.Spec, path, i + 1, FromLock: false, Direct: true));
        }
        return result;
    }

    public static List<Dependency> Pyproject(string path, string text)
    {
        var result = new List<Dependency>();
        var lines = new ManifestText(text);
        var table = TomlSerializer.Deserialize<TomlTable>(text, TomlModelContext.Default) ?? new TomlTable();

        void AddPep508(string requirement, int fromLine)
        {
            if (ParseRequirement(requirement) is not { } req) return;
            int line = lines.Find($"\"{requirement}", fromLine, lines.Find(req.Name, fromLine, fromLine));
            result.Add(new Dependency(Ecosystems.PyPI, req.Name, Pep440Scheme.Instance.ExactPin(req.Spec), req.Spec, path, line, FromLock: false, Direct: true));
        }

        if (table.TryGetValue("project", out var p) && p is TomlTable project)
        {
            int from = lines.Find("[project]");
            if (project.TryGetValue("dependencies", out var d) && d is TomlArray deps)
            {
                foreach (var item in deps.OfType<string>()) AddPep508(item, from);
            }
            if (project.TryGetValue("optional-dependencies", out var o) && o is TomlTable optional)
            {
                int optFrom = lines.Find("optional-dependencies", from, from);
                foreach (var (_, group) in optional)
                {
                    if (group is TomlArray arr) foreach (var item in arr.OfType<string>()) AddPep508(item, optFrom);
                }
            }
        }
        if (table.TryGetValue("dependency-groups", out var dg) && dg is TomlTable groups)
        {
            int from = lines.Find("[dependency-groups]");
            foreach (var (_, group) in groups)
            {
                if (group is TomlArray arr) foreach (var item in arr.OfType<string>()) AddPep508(item, from);
            }
        }
        if (table.TryGetValue("tool", out var t) && t is TomlTable tool && tool.TryGetValue("poetry", out var po) && po is TomlTable poetry)
        {
            var sections = new List<(string Header, TomlTable Deps)>();
            foreach (var key in new[] { "dependencies", "dev-dependencies" })
            {
                if (poetry.TryGetValue(key, out var x) && x is TomlTable tt) sections.Add(($"[tool.poetry.{key}]", tt));
            }
            if (poetry.TryGetValue("group", out var g) && g is TomlTable poetryGroups)
            {
                foreach (var (name, group) in poetryGroups)
                {
                    if (group is TomlTable gt && gt.TryGetValue("dependencies", out var x) && x is TomlTable tt) sections.Add(($"[tool.poetry.group.{name}.dependencies]", tt));
                }
            }
            foreach (var (header, deps) in sections)
            {
                int from = lines.Find(header);
                foreach (var (name, value) in deps)
                {
                    if (string.Equals(name, "python", StringComparison.OrdinalIgnoreCase)) continue;
                    string? constraint = value switch
                    {
                        string s => s,
                        TomlTable spec when spec.TryGetValue("version", out var v) && v is string vs => vs,
                        _ => null,
                    };
                    if (constraint is null) continue; // git/path dependencies
                    var pep440 = Pep440Scheme.FromPoetry(constraint);
                    if (pep440 is null) continue;
                    int line = lines.Find(name, from, from);
                    result.Add(new Dependency(Ecosystems.PyPI, name, Pep440Scheme.Instance.ExactPin(pep440), pep440, path, line, FromLock: false, Direct: true));
                }
            }
        }
        return result;
    }

    [GeneratedRegex(@"^(?<key>name|version)\s*=\s*""(?<value>[^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex LockField();

    /// <summary>poetry.lock and uv.lock: <c>[[package]]</c> tables with <c>name</c> and <c>version</c>.</summary>
    public static List<Dependency> PackageTableLock(string path, string text)
    {
        var result = new List<Dependency>();
        var lines = text.Split('\n');
        string? name = null, version = null;
        int start = 0;
        void Flush()
        {
            if (name is not null && version is not null) result.Add(new Dependency(Ecosystems.PyPI, name, version, null, path, start, FromLock: true, Direct: false));
            name = version = null;
        }
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith('['))
            {
                Flush();
                start = line.Trim() == "[[package]]" ? i + 1 : 0;
                continue;
            }
            if (start == 0) continue;
            var m = LockField().Match(line);
            if (!m.Success) continue;
            if (m.Groups["key"].Value == "name") name ??= m.Groups["value"].Value;
            else version ??= m.Groups["value"].Value;
        }
        Flush();
        return result;
    }
}
