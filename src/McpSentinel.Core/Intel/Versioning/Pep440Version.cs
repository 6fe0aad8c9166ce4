using System.Globalization;
using System.Text.RegularExpressions;

namespace McpSentinel.Core.Intel.Versioning;

/// <summary>A PEP 440 version: <c>[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]</c>, with the spelling variants PEP 440
/// normalises (alpha/beta/c/pre/preview, rev/r, "-N" post releases, separators, a leading "v", any case).
/// Ordering follows the specification: epoch, release (trailing zeros ignored), then dev &lt; pre &lt; release &lt; post,
/// and a local label sorts after the same public version.</summary>
public sealed partial class Pep440Version : IComparable<Pep440Version>
{
    [GeneratedRegex(@"^\s*v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\.[0-9]+)*)(?<pre>[-_\.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_\.]?(?<pre_n>[0-9]+)?)?(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_\.]?(?<post_l>post|rev|r)[-_\.]?(?<post_n2>[0-9]+)?))?(?<dev>[-_\.]?(?<dev_l>dev)[-_\.]?(?<dev_n>[0-9]+)?)?(?:\+(?<local>[a-z0-9]+(?:[-_\.][a-z0-9]+)*))?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 200)]
    private static partial Regex Pattern();

    public long Epoch { get; private init; }
    public IReadOnlyList<long> Release { get; private init; } = [];
    /// <summary>0 = a, 1 = b, 2 = rc; null when not a prerelease.</summary>
    public int? PreKind { get; private init; }
    public long PreNumber { get; private init; }
    public long? Post { get; private init; }
    public long? Dev { get; private init; }
    public string? Local { get; private init; }

    public bool IsPrerelease => PreKind is not null || Dev is not null;

    public static bool TryParse(string text, out Pep440Version version)
    {
        version = null!;
        Match m;
        try { m = Pattern().Match(text); }
        catch (RegexMatchTimeoutException) { return false; }
        if (!m.Success) return false;
        try
        {
            var release = m.Groups["release"].Value.Split('.').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            int? preKind = null;
            long preNumber = 0;
            if (m.Groups["pre"].Success)
            {
                preKind = m.Groups["pre_l"].Value.ToLowerInvariant() switch
                {
                    "a" or "alpha" => 0,
                    "b" or "beta" => 1,
                    _ => 2, // c, rc, pre, preview
                };
                preNumber = m.Groups["pre_n"].Success ? long.Parse(m.Groups["pre_n"].Value, CultureInfo.InvariantCulture) : 0;
            }
            long? post = null;
            if (m.Groups["post"].Success)
            {
                var n = m.Groups["post_n1"].Success ? m.Groups["post_n1"].Value : m.Groups["post_n2"].Success ? m.Groups["post_n2"].Value : "0";
                post = long.Parse(n, CultureInfo.InvariantCulture);
            }
            long? dev = null;
            if (m.Groups["dev"].Success) dev = m.Groups["dev_n"].Success ? long.Parse(m.Groups["dev_n"].Value, CultureInfo.InvariantCulture) : 0;
            version = new Pep440Version
            {
                Epoch = m.Groups["epoch"].Success ? long.Parse(m.Groups["epoch"].Value, CultureInfo.InvariantCulture) : 0,
                Release = release,
                PreKind = preKind,
                PreNumber = preNumber,
                Post = post,
                Dev = dev,
                Local = m.Groups["local"].Success ? m.Groups["local"].Value.ToLowerInvariant().Replace('-', '.').Replace('_', '.') : null,
            };
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public static Pep440Version Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a PEP 440 version");

    /// <summary>The same version without its local label.</summary>
    public Pep440Version Public => Local is null ? this : new Pep440Version
    {
        Epoch = Epoch, Release = Release, PreKind = PreKind, PreNumber = PreNumber, Post = Post, Dev = Dev,
    };

    public int CompareTo(Pep440Version? other)
    {
        if (other is null) return 1;
        int c = Epoch.CompareTo(other.Epoch);
        if (c != 0) return c;
        c = CompareRelease(Release, other.Release);
        if (c != 0) return c;
        c = PreKey().CompareTo(other.PreKey());
        if (c != 0) return c;
        c = (Post ?? -1).CompareTo(other.Post ?? -1);
        if (c != 0) return c;
        c = (Dev ?? long.MaxValue).CompareTo(other.Dev ?? long.MaxValue);
        if (c != 0) return c;
        return CompareLocal(Local, other.Local);
    }

    /// <summary>Pre-release ordering key: a bare dev release of a version comes before its alphas; a release
    /// without a pre-release segment comes after all of them.</summary>
    private (int, long) PreKey()
    {
        if (PreKind is null && Post is null && Dev is not null) return (-1, 0);
        if (PreKind is null) return (3, 0);
        return (PreKind.Value, PreNumber);
    }

    internal static int CompareRelease(IReadOnlyList<long> a, IReadOnlyList<long> b)
    {
        int n = Math.Max(a.Count, b.Count);
        for (int i = 0; i < n; i++)
        {
            long x = i < a.Count ? a[i] : 0, y = i < b.Count ? b[i] : 0;
            if (x != y) return x.CompareTo(y);
        }
        return 0;
    }

    private static int CompareLocal(string? a, string? b)
    {
        if (a is null || b is null) return (a is null ? 0 : 1) - (b is null ? 0 : 1);
        var x = a.Split('.');
        var y = b.Split('.');
        for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            bool xn = long.TryParse(x[i], NumberStyles.None, CultureInfo.InvariantCulture, out var xi);
            bool yn = long.TryParse(y[i], NumberStyles.None, CultureInfo.InvariantCulture, out var yi);
            int c = (xn, yn) switch
            {
                (true, true) => xi.CompareTo(yi),
                (true, false) => 1, // numeric segments sort after alphanumeric ones
                (false, true) => -1,
                _ => string.CompareOrdinal(x[i], y[i]),
            };
            if (c != 0) return c;
        }
        return x.Length.CompareTo(y.Length);
    }

    public override string ToString()
    {
        var s = (Epoch != 0 ? Epoch.ToString(CultureInfo.InvariantCulture) + "!" : "") + string.Join('.', Release);
        if (PreKind is { } k) s += (k == 0 ? "a" : k == 1 ? "b" : "rc") + PreNumber.ToString(CultureInfo.InvariantCulture);
        if (Post is { } p) s += ".post" + p.ToString(CultureInfo.InvariantCulture);
        if (Dev is { } d) s += ".dev" + d.ToString(CultureInfo.InvariantCulture);
        if (Local is not null) s += "+" + Local;
        return s;
    }
}
