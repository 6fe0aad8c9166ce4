using System.Text.RegularExpressions;
using McpSentinel.Core.Discovery;
using McpSentinel.Core.Scanning;
using McpSentinel.Tests;
using Xunit;
using Xunit.Abstractions;

namespace McpSentinel.Semantic.Tests;

/// <summary>Precision and recall of the semantic engine over the labelled fixture set in tests/Fixtures/semantic: every sink
/// line of a vulnerable server carries an <c>EXPECT: MCP-TAINT-…</c> marker; safe servers carry none.</summary>
public sealed partial class FixtureCorpusTests(ITestOutputHelper output)
{
    private static readonly string Corpus = RepoPaths.Of("tests/Fixtures/semantic");

    [GeneratedRegex(@"EXPECT:\s*(MCP-TAINT-[A-Z]+-\d{3})")]
    private static partial Regex Marker();

    [Fact]
    public void Corpus_PrecisionAndRecall_AreAtLeast90Percent()
    {
        var expected = new HashSet<(string, int, string)>();
        var found = new HashSet<(string, int, string)>();
        int files = 0, safeFiles = 0;
        foreach (var path in Directory.EnumerateFiles(Corpus, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(Corpus, path).Replace('\\', '/');
            var language = LanguageDetector.FromName(Path.GetFileName(path));
            Assert.NotNull(language);
            var text = File.ReadAllText(path);
            var lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (Match m in Marker().Matches(lines[i])) expected.Add((relative, i + 1, m.Groups[1].Value));
            }
            var analysis = new SemanticEngine().Analyze(new SourceFile(relative, language.Value, text), CancellationToken.None);
            Assert.Empty(analysis.Diagnostics);
            foreach (var f in analysis.Findings) found.Add((relative, f.Location.StartLine, f.RuleId));
            files++;
            if (relative.StartsWith("safe/", StringComparison.Ordinal)) safeFiles++;
        }

        int truePositives = found.Count(expected.Contains);
        double precision = found.Count == 0 ? 0 : (double)truePositives / found.Count;
        double recall = (double)truePositives / expected.Count;
        foreach (var miss in expected.Except(found)) output.WriteLine($"missed: {miss}");
        foreach (var extra in found.Except(expected)) output.WriteLine($"false positive: {extra}");
        output.WriteLine($"files {files} (safe {safeFiles}), expected {expected.Count}, found {found.Count}, precision {precision:P1}, recall {recall:P1}");

        // Per language (the folder under vulnerable/ and safe/): each must hold the bar on its own, so a strong language
        // cannot hide a weak one.
        static string LanguageOf((string Path, int Line, string Rule) item) => item.Path.Split('/')[1];
        foreach (var language in expected.Select(LanguageOf).Concat(found.Select(LanguageOf)).Distinct().Order(StringComparer.Ordinal))
        {
            var e = expected.Where(x => LanguageOf(x) == language).ToHashSet();
            var f = found.Where(x => LanguageOf(x) == language).ToHashSet();
            double p = f.Count == 0 ? 0 : (double)f.Count(e.Contains) / f.Count;
            double r = e.Count == 0 ? 0 : (double)e.Count(f.Contains) / e.Count;
            output.WriteLine($"{language}: expected {e.Count}, found {f.Count}, precision {p:P1}, recall {r:P1}");
            Assert.True(p >= 0.9 && r >= 0.9, $"{language}: precision {p:P1}, recall {r:P1}");
        }
        foreach (var language in new[] { "go", "csharp" })
        {
            Assert.True(expected.Count(x => LanguageOf(x) == language) >= 12, $"the labelled {language} corpus shrank");
        }

        Assert.True(files >= 30 && safeFiles >= 12 && expected.Count >= 35, "the labelled corpus shrank");
        Assert.True(precision >= 0.9, $"precision {precision:P1} < 90%: {string.Join("; ", found.Except(expected))}");
        Assert.True(recall >= 0.9, $"recall {recall:P1} < 90%: {string.Join("; ", expected.Except(found))}");
    }

    [Fact]
    public void SafeServers_HaveNoFindings()
    {
        int judged = 0;
        foreach (var path in Directory.EnumerateFiles(Path.Combine(Corpus, "safe"), "*", SearchOption.AllDirectories))
        {
            var language = LanguageDetector.FromName(Path.GetFileName(path))!.Value;
            var analysis = new SemanticEngine().Analyze(new SourceFile(Path.GetFileName(path), language, File.ReadAllText(path)), CancellationToken.None);
            Assert.True(analysis.Findings.Count == 0, $"{path}: {string.Join(", ", analysis.Findings.Select(f => $"{f.Location.StartLine} {f.RuleId}"))}");
            judged += analysis.JudgedSinks.Count;
        }
        // The safe servers are full of real sinks that the engine proved safe (constants, argv, sanitisers, guards);
        // those verdicts are what silence the static rules on them.
        output.WriteLine($"sinks judged safe: {judged}");
        Assert.True(judged >= 30, $"only {judged} sinks judged safe");
    }
}
