using System.Globalization;

namespace McpSentinel.Core.Intel.Versioning;

/// <summary>PyPI: PEP 440 versions and version specifiers (<c>~= == != &lt;= &gt;= &lt; &gt; ===</c>, <c>==1.2.*</c>),
/// as declared in requirements files and <c>pyproject.toml</c>. Poetry's <c>^</c> and <c>~</c> constraints are
/// translated by <see cref="FromPoetry"/>.</summary>
public sealed class Pep440Scheme : VersionScheme
{
    public static readonly Pep440Scheme Instance = new();

    public override string Ecosystem => Ecosystems.PyPI;

    public override bool IsValid(string text) => Pep440Version.TryParse(text, out _);

    public override int Compare(string a, string b) => Pep440Version.Parse(a).CompareTo(Pep440Version.Parse(b));

    public override string? ExactPin(string range)
    {
        var clauses = Split(range);
        if (clauses.Count != 1) return null;
        var (op, v) = clauses[0];
        return op is "==" or "===" && !v.EndsWith(".*", StringComparison.Ordinal) && IsValid(v) ? v : null;
    }

    /// <summary>True when <paramref name="version"/> satisfies every clause of the specifier set (pre-releases are
    /// matched like any version; callers decide whether they want them).</summary>
    public static bool Satisfies(string specifiers, string version)
    {
        if (!Pep440Version.TryParse(version, out var v)) return false;
        foreach (var (op, text) in Split(specifiers))
        {
            if (!Clause(op, text, v)) return false;
        }
        return true;
    }

    private static bool Clause(string op, string text, Pep440Version v)
    {
        if (op == "===") return string.Equals(text, v.ToString(), StringComparison.OrdinalIgnoreCase);
        if ((op is "==" or "!=") && text.EndsWith(".*", StringComparison.Ordinal))
        {
            if (!Pep440Version.TryParse(text[..^2], out var prefix)) return false;
            bool match = v.Epoch == prefix.Epoch && Pep440Version.CompareRelease(v.Release.Take(prefix.Release.Count).ToArray(), prefix.Release) == 0;
            return op == "==" ? match : !match;
        }
        if (!Pep440Version.TryParse(text, out var s)) return false;
        switch (op)
        {
            case "==": return (s.Local is null ? v.Public : v).CompareTo(s) == 0;
            case "!=": return (s.Local is null ? v.Public : v).CompareTo(s) != 0;
            case ">=": return v.Public.CompareTo(s) >= 0;
            case "<=": return v.Public.CompareTo(s) <= 0;
            case "<":
                // "<V" excludes pre-releases of V itself unless V is a pre-release
                if (v.Public.CompareTo(s) >= 0) return false;
                return s.IsPrerelease || !v.IsPrerelease || Pep440Version.CompareRelease(v.Release, s.Release) != 0;
            case ">":
                // ">V" excludes post-releases and local versions of V unless V is a post-release
                if (v.Public.CompareTo(s) <= 0) return false;
                if (s.Post is null && v.Post is not null && Pep440Version.CompareRelease(v.Release, s.Release) == 0 && v.PreKind == s.PreKind) return false;
                return true;
            case "~=":
                if (s.Release.Count < 2) return false;
                var prefix2 = s.Release.Take(s.Release.Count - 1).ToArray();
                return v.Public.CompareTo(s) >= 0 && v.Epoch == s.Epoch && Pep440Version.CompareRelease(v.Release.Take(prefix2.Length).ToArray(), prefix2) == 0;
            default: return false;
        }
    }

    public override IReadOnlyList<VersionInterval>? ParseRange(string range)
    {
        var clauses = Split(range);
        string? lower = null, upper = null;
        bool lowerInc = true, upperInc = true;
        void Raise(string v, bool inc)
        {
            if (lower is null || Compare(v, lower) > 0 || (Compare(v, lower) == 0 && !inc)) { lower = v; lowerInc = inc; }
        }
        void Cut(string v, bool inc)
        {
            if (upper is null || Compare(v, upper) < 0 || (Compare(v, upper) == 0 && !inc)) { upper = v; upperInc = inc; }
        }
        foreach (var (op, text) in clauses)
        {
            if (op == "!=") continue; // an exclusion never shrinks an interval to nothing
            if (text.EndsWith(".*", StringComparison.Ordinal))
            {
                if (op != "==" || !Pep440Version.TryParse(text[..^2], out var prefix)) return null;
                Raise(Floor(prefix.Epoch, prefix.Release), true);
                Cut(Floor(prefix.Epoch, Bump(prefix.Release)), false);
                continue;
            }
            if (!Pep440Version.TryParse(text, out var v)) return null;
            var s = v.ToString();
            switch (op)
            {
                case "==" or "===": Raise(s, true); Cut(s, true); break;
                case ">=": Raise(s, true); break;
                case ">": Raise(s, false); break;
                case "<=": Cut(s, true); break;
                case "<": Cut(s, false); break;
                case "~=":
                    if (v.Release.Count < 2) return null;
                    Raise(s, true);
                    Cut(Floor(v.Epoch, Bump(v.Release.Take(v.Release.Count - 1).ToArray())), false);
                    break;
                default: return null;
            }
        }
        return [new VersionInterval(lower, lowerInc, upper, upperInc)];
    }

    private static long[] Bump(IReadOnlyList<long> release)
    {
        var r = release.ToArray();
        r[^1]++;
        return r;
    }

    /// <summary>The lowest version of a release series: <c>N.N.dev0</c>.</summary>
    private static string Floor(long epoch, IReadOnlyList<long> release) =>
        (epoch != 0 ? epoch.ToString(CultureInfo.InvariantCulture) + "!" : "") + string.Join('.', release) + ".dev0";

    /// <summary>Splits "&gt;=1.0, &lt;2 ; python_version &lt; '3.9'" into (operator, version) clauses, ignoring markers.</summary>
    internal static List<(string Op, string Version)> Split(string specifiers)
    {
        var result = new List<(string, string)>();
        var text = specifiers;
        int semi = text.IndexOf(';', StringComparison.Ordinal);
        if (semi >= 0) text = text[..semi];
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var op = raw.StartsWith("===", StringComparison.Ordinal) ? "==="
                : raw.Length >= 2 && raw[..2] is "~=" or "==" or "!=" or "<=" or ">=" ? raw[..2]
                : raw[0] is '<' or '>' ? raw[..1]
                : "";
            var version = raw[op.Length..].Trim();
            result.Add((op.Length == 0 ? "==" : op, version));
        }
        return result;
    }

    /// <summary>Translates a Poetry constraint (<c>^1.2</c>, <c>~1.2.3</c>, <c>1.2.*</c>, <c>&gt;=1,&lt;2</c>, <c>*</c>, a bare
    /// version) into PEP 440 specifiers, or null when it is not understood.</summary>
    public static string? FromPoetry(string constraint)
    {
        var parts = new List<string>();
        foreach (var raw in constraint.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw == "*") continue;
            if (raw[0] is '^' or '~')
            {
                bool tildeEq = raw.StartsWith("~=", StringComparison.Ordinal);
                if (tildeEq) { parts.Add(raw); continue; }
                if (!Pep440Version.TryParse(raw[1..], out var v)) return null;
                var r = v.Release;
                long[] upper;
                if (raw[0] == '^')
                {
                    int first = 0;
                    while (first < r.Count - 1 && r[first] == 0) first++;
                    upper = r.Take(first + 1).ToArray();
                }
                else
                {
                    upper = r.Count >= 2 ? r.Take(2).ToArray() : r.Take(1).ToArray();
                }
                upper[^1]++;
                parts.Add(">=" + v);
                parts.Add("<" + string.Join('.', upper));
                continue;
            }
            if (char.IsDigit(raw[0])) parts.Add("==" + raw);
            else parts.Add(raw);
        }
        return string.Join(",", parts);
    }
}
