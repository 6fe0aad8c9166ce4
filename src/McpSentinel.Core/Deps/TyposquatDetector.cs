using System.Text;
using System.Text.Json;
using McpSentinel.Core.Intel;
using McpSentinel.Core.Model;

namespace McpSentinel.Core.Deps;

/// <summary>Names that look like a well-known MCP package but are not it: one edit away (Damerau-Levenshtein, names
/// of 6+ characters), two edits away (12+ characters, lower confidence), the same after folding look-alike
/// characters (0/o, 1/l, rn/m, separators), or the scoped name with its scope dropped or mangled. Names on the
/// well-known list (<c>Intel/Data/mcp-packages.json</c>) are never reported. This is a heuristic: a match means
/// "check that this is the package you meant", not "this is malicious".</summary>
public sealed class TyposquatDetector
{
    private readonly Dictionary<string, string[]> _known;

    public TyposquatDetector(IReadOnlyDictionary<string, IReadOnlyList<string>> known)
    {
        _known = known.ToDictionary(k => k.Key, k => k.Value.Select(n => Ecosystems.NormalizeName(k.Key, n)).Distinct().ToArray(), StringComparer.Ordinal);
    }

    private sealed record KnownFile(Dictionary<string, List<string>> Packages);

    private static readonly Lazy<TyposquatDetector> BundledDetector = new(() =>
    {
        using var stream = typeof(TyposquatDetector).Assembly.GetManifestResourceStream("intel/mcp-packages.json")
            ?? throw new InvalidOperationException("the bundled MCP package list is missing from this build");
        var file = JsonSerializer.Deserialize<KnownFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        return new TyposquatDetector(file.Packages.ToDictionary(p => Ecosystems.Canonical(p.Key) ?? p.Key, p => (IReadOnlyList<string>)p.Value));
    });

    public static TyposquatDetector Bundled => BundledDetector.Value;

    public IReadOnlyList<string> KnownNames(string ecosystem) => _known.TryGetValue(ecosystem, out var k) ? k : [];

    public sealed record Match(string Lookalike, string Reason, Confidence Confidence);

    public Match? Check(string ecosystem, string name)
    {
        if (!_known.TryGetValue(ecosystem, out var known)) return null;
        var n = Ecosystems.NormalizeName(ecosystem, name);
        if (known.Contains(n, StringComparer.Ordinal)) return null;
        Match? best = null;
        foreach (var k in known)
        {
            Match? m = null;
            if (Fold(n) == Fold(k))
            {
                m = new Match(k, "the same name once look-alike characters and separators are folded", Confidence.Medium);
            }
            else if (k.StartsWith('@') && k.IndexOf('/', StringComparison.Ordinal) is int slash and > 0)
            {
                var scope = k[1..slash];
                var bare = k[(slash + 1)..];
                if ((bare.Length >= 8 && n == bare) || n == scope + "/" + bare || n == scope + "-" + bare || n == k[1..])
                    m = new Match(k, "the scoped package's name without (or with a mangled) scope", Confidence.Medium);
            }
            if (m is null && Math.Min(n.Length, k.Length) >= 6)
            {
                int d = Distance(n, k, 2);
                if (d == 1) m = new Match(k, "one character away", Confidence.Medium);
                else if (d == 2 && Math.Min(n.Length, k.Length) >= 12) m = new Match(k, "two characters away", Confidence.Low);
            }
            if (m is not null && (best is null || m.Confidence > best.Confidence)) best = m;
        }
        return best;
    }

    private static string Fold(string name)
    {
        var s = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormKD))
        {
            if (c > 0x7f && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            s.Append(c switch
            {
                '0' => 'o',
                '1' or 'i' or '|' => 'l',
                '3' => 'e',
                '5' => 's',
                '_' or '.' or ' ' => '-',
                _ => char.ToLowerInvariant(c),
            });
        }
        return s.ToString().Replace("rn", "m", StringComparison.Ordinal).Replace("vv", "w", StringComparison.Ordinal).Replace("--", "-", StringComparison.Ordinal);
    }

    /// <summary>Optimal-string-alignment distance, stopping early above <paramref name="max"/>.</summary>
    internal static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int rowMin = int.MaxValue;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > max) return max + 1;
        }
        return d[a.Length, b.Length];
    }
}
