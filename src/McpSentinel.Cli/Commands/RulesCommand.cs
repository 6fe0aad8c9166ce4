using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using Spectre.Console;

namespace McpSentinel.Cli.Commands;

/// <summary><c>mcp-sentinel rules list|verify|docs|export-patterns</c>.</summary>
public static class RulesCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("rules", "List, verify and document rules.");
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Verify(console));
        command.Subcommands.Add(Docs(console));
        command.Subcommands.Add(ExportPatterns(console));
        return command;
    }

    private static RuleSet LoadOrThrow(string[]? dirs, CliConsole console)
    {
        var full = (dirs ?? []).Select(d => Path.GetFullPath(Path.Combine(console.WorkingDirectory, d)));
        var (rules, errors) = RuleCatalog.Build(full, [], new Dictionary<string, Severity>(), engineRules: EngineProviders.Rules);
        if (rules is null) throw new UsageException("the rules could not be loaded:\n  " + string.Join("\n  ", errors.Select(e => e.ToString())));
        return rules;
    }

    /// <summary>One row of <c>rules list</c>: a YAML rule or an engine rule (detector).</summary>
    private sealed record RuleRow(RuleMetadata Metadata, string Kind, string Engine, string Source);

    private static Command List(CliConsole console)
    {
        var rulesDir = new Option<string[]>("--rules") { Description = "Also load the YAML rules in this directory (repeatable)." };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var category = new Option<string?>("--category") { Description = "Only rules of this category." };
        var engine = new Option<string?>("--engine") { Description = "Only rules of this engine: " + string.Join(", ", Core.Scanning.Scanner.KnownEngines) + "." };
        var command = new Command("list", "List the rules: the YAML rules (built-in and --rules directories) and the rules built into the engines (config, surface, pin, deps, taint).") { rulesDir, format, category, engine };
        command.SetAction(parse =>
        {
            if (parse.GetValue(engine) is { } e && !Core.Scanning.Scanner.KnownEngines.Contains(e))
                throw new UsageException($"--engine: unknown engine '{e}' (available: {string.Join(", ", Core.Scanning.Scanner.KnownEngines)})");
            var yaml = LoadOrThrow(parse.GetValue(rulesDir), console).Rules
                .Select(r => new RuleRow(r.Metadata, r.Kind.ToString().ToLowerInvariant(), Core.Scanning.StaticEngine.EngineName, r.Source));
            var detectors = EngineProviders.AllEngineRules.Select(r => new RuleRow(r.Metadata, "detector", r.Engine, $"built-in ({r.Engine} engine)"));
            var rules = yaml.Concat(detectors)
                .Where(r => parse.GetValue(category) is not { } c || r.Metadata.Category == c)
                .Where(r => parse.GetValue(engine) is not { } en || r.Engine == en)
                .OrderBy(r => r.Metadata.Id, StringComparer.Ordinal).ToList();
            if (parse.GetValue(format) == "json")
            {
                using var stream = new MemoryStream();
                using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    json.WriteStartArray();
                    foreach (var r in rules)
                    {
                        var m = r.Metadata;
                        json.WriteStartObject();
                        json.WriteString("id", m.Id);
                        json.WriteString("title", m.Title);
                        json.WriteString("category", m.Category);
                        json.WriteString("severity", m.Severity.ToWord());
                        json.WriteString("confidence", m.Confidence.ToWord());
                        json.WriteString("kind", r.Kind);
                        json.WriteString("engine", r.Engine);
                        json.WriteStartArray("languages");
                        foreach (var l in m.Languages) json.WriteStringValue(l);
                        json.WriteEndArray();
                        json.WriteStartArray("cwe");
                        foreach (var c in m.Cwe) json.WriteStringValue(c);
                        json.WriteEndArray();
                        json.WriteString("helpUri", m.HelpUri);
                        json.WriteString("source", r.Source);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                return ExitCodes.Clean;
            }
            var ansi = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(console.Out),
                Ansi = console.ColorOnOut ? AnsiSupport.Yes : AnsiSupport.No,
                ColorSystem = console.ColorOnOut ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            });
            ansi.Profile.Width = 160;
            var table = new Table().Border(TableBorder.Simple).AddColumns("Id", "Severity", "Confidence", "Category", "Engine", "Languages", "Title");
            foreach (var r in rules)
            {
                var m = r.Metadata;
                table.AddRow(Markup.Escape(m.Id), m.Severity.ToWord(), m.Confidence.ToWord(), Markup.Escape(m.Category), Markup.Escape(r.Engine), Markup.Escape(string.Join(",", m.Languages)), Markup.Escape(m.Title));
            }
            ansi.Write(table);
            ansi.WriteLine($"{rules.Count} rule(s)");
            return ExitCodes.Clean;
        });
        return command;
    }

    private static Command Verify(CliConsole console)
    {
        var dirs = new Argument<string[]>("dir") { Description = "Rule directories to verify (default: the built-in rule pack).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("verify", "Load, compile and self-test rules: every 'match' sample must be flagged, every 'no-match' sample must not.") { dirs };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(dirs) ?? [];
            var rules = new List<CompiledRule>();
            var errors = new List<RuleError>();
            if (given.Length == 0)
            {
                rules.AddRange(RuleCatalog.BuiltinRules.Rules);
                errors.AddRange(RuleCatalog.BuiltinRules.Errors);
            }
            foreach (var dir in given)
            {
                var loaded = RuleLoader.LoadDirectory(Path.GetFullPath(Path.Combine(console.WorkingDirectory, dir)));
                rules.AddRange(loaded.Rules);
                errors.AddRange(loaded.Errors);
            }
            errors.AddRange(RuleVerifier.Verify(rules));
            if (given.Length > 0)
            {
                var builtin = RuleCatalog.BuiltinRules.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
                foreach (var clash in rules.Where(r => builtin.Contains(r.Id)))
                {
                    console.Out.WriteLine($"note: {clash.Id} is also a built-in rule id: 'scan --rules' rejects it unless you add --no-builtin-rules");
                }
            }
            foreach (var error in errors) console.Out.WriteLine("FAIL " + error);
            int samples = rules.Sum(r => r.Samples.Count);
            console.Out.WriteLine($"{rules.Count} rule(s), {samples} self-test sample(s): {(errors.Count == 0 ? "all passed" : $"{errors.Count} problem(s)")}");
            return errors.Count == 0 ? ExitCodes.Clean : ExitCodes.Findings;
        });
        return command;
    }

    private static Command Docs(CliConsole console)
    {
        var output = new Option<string>("--output", "-o") { Description = "Folder to write <ID>.md pages into.", Required = true };
        var rulesDir = new Option<string[]>("--rules") { Description = "Document the rules of this directory instead of the built-in pack (repeatable)." };
        var command = new Command("docs", "Write one Markdown documentation page per rule.") { output, rulesDir };
        command.SetAction(parse =>
        {
            var dirs = parse.GetValue(rulesDir) ?? [];
            var loads = dirs.Length == 0 ? [RuleCatalog.BuiltinRules]
                : dirs.Select(d => RuleLoader.LoadDirectory(Path.GetFullPath(Path.Combine(console.WorkingDirectory, d)))).ToList();
            var loadErrors = loads.SelectMany(l => l.Errors).ToList();
            if (loadErrors.Count > 0) throw new UsageException("the rules could not be loaded:\n  " + string.Join("\n  ", loadErrors.Select(e => e.ToString())));
            IReadOnlyList<CompiledRule> rules = loads.SelectMany(l => l.Rules).ToList();
            var folder = Path.GetFullPath(Path.Combine(console.WorkingDirectory, parse.GetValue(output)!));
            Directory.CreateDirectory(folder);
            int count = 0;
            foreach (var rule in rules)
            {
                File.WriteAllText(Path.Combine(folder, rule.Id + ".md"), RuleDocPage.Render(rule));
                count++;
            }
            File.WriteAllText(Path.Combine(folder, "README.md"), RuleDocPage.RenderIndex(rules));
            console.Out.WriteLine($"wrote {count} page(s) and README.md to {folder}");
            return ExitCodes.Clean;
        });
        return command;
    }

    private static Command ExportPatterns(CliConsole console)
    {
        var output = new Option<string>("--output", "-o") { Description = "File to write one regex per line into (for comparisons with grep-like tools).", Required = true };
        var command = new Command("export-patterns", "Write every rule pattern, one per line (used by the bench/ harness to run the same patterns under ripgrep).") { output };
        command.SetAction(parse =>
        {
            var path = Path.GetFullPath(Path.Combine(console.WorkingDirectory, parse.GetValue(output)!));
            var lines = RuleCatalog.BuiltinRules.Rules.SelectMany(r => r.Patterns).Select(p => p.ToString()).Where(p => !p.Contains('\n')).ToArray();
            File.WriteAllLines(path, lines);
            console.Out.WriteLine($"wrote {lines.Length} pattern(s) to {path}");
            return ExitCodes.Clean;
        });
        return command;
    }
}
