using System.Globalization;
using System.Text.RegularExpressions;
using McpSentinel.Core.Model;
using McpSentinel.Core.Suppression;
using YamlDotNet.Core;
using McpSentinel.Core.Yaml;

namespace McpSentinel.Core.Configuration;

/// <summary>Finds and parses <c>.mcp-sentinel.yml</c>: searched upward from the target, then in the user's configuration
/// folder (<c>$XDG_CONFIG_HOME/mcp-sentinel/config.yml</c>). A malformed file throws <see cref="ConfigException"/>.</summary>
public static partial class ConfigLoader
{
    public const string FileName = ".mcp-sentinel.yml";
    private static readonly string[] FileNames = [FileName, ".mcp-sentinel.yaml"];

    public static string? Find(string target)
    {
        var full = Path.GetFullPath(target);
        var dir = Directory.Exists(full) ? full : Path.GetDirectoryName(full);
        while (!string.IsNullOrEmpty(dir))
        {
            foreach (var name in FileNames)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
            dir = Path.GetDirectoryName(dir);
        }
        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            configHome = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".config");
        }
        if (configHome is not null)
        {
            var user = Path.Combine(configHome, "mcp-sentinel", "config.yml");
            if (File.Exists(user)) return user;
        }
        return null;
    }

    public static SentinelConfig Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read configuration: {ex.Message}");
        }
        return Parse(text, path);
    }

    public static SentinelConfig Parse(string yaml, string path)
    {
        try
        {
            var map = YamlMap.ParseDocument(yaml);
            if (map is null) return SentinelConfig.Empty with { SourcePath = path };
            var config = Read(map, path);
            map.RejectUnknownKeys();
            return config;
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (YamlShapeException ex)
        {
            throw new ConfigException($"{path}:{ex.Line}:{ex.Column}: {ex.Message}");
        }
    }

    private static SentinelConfig Read(YamlMap map, string path)
    {
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string Resolve(string p) => Path.GetFullPath(Path.Combine(baseDir, ExpandHome(p)));

        Severity? failOn = null, minSeverity = null;
        Confidence? minConfidence = null;
        if (map.String("fail-on") is { } fo)
        {
            if (!Levels.TryParseThreshold(fo, out var s)) throw map.ErrorAt("fail-on", $"'{fo}' is not one of critical, high, medium, low, info, none");
            failOn = s;
        }
        if (map.String("min-severity") is { } ms)
        {
            if (!Levels.TryParseSeverity(ms, out var s)) throw map.ErrorAt("min-severity", $"'{ms}' is not one of critical, high, medium, low, info");
            minSeverity = s;
        }
        if (map.String("min-confidence") is { } mc)
        {
            if (!Levels.TryParseConfidence(mc, out var c)) throw map.ErrorAt("min-confidence", $"'{mc}' is not one of high, medium, low");
            minConfidence = c;
        }
        long? maxFileSize = null;
        if (map.String("max-file-size") is { } mfs)
        {
            if (!TryParseSize(mfs, out var size)) throw map.ErrorAt("max-file-size", $"'{mfs}' is not a size such as 2MB, 512KB or 1048576");
            maxFileSize = size;
        }
        var jobs = map.Int("jobs");
        if (jobs is < 1 or > 256) throw map.ErrorAt("jobs", "must be between 1 and 256");

        var overrides = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);
        foreach (var (rule, value, node) in map.Pairs("severity-overrides") ?? [])
        {
            if (!Levels.TryParseSeverity(value, out var s)) throw YamlMap.Error(node, $"severity-overrides: {rule}: '{value}' is not a severity");
            overrides[rule] = s;
        }

        var engines = map.StringList("engines");
        var baseline = map.String("baseline");
        return new SentinelConfig
        {
            SourcePath = path,
            FailOn = failOn,
            MinSeverity = minSeverity,
            MinConfidence = minConfidence,
            Engines = engines,
            RuleDirectories = (map.StringList("rules") ?? []).Select(Resolve).ToArray(),
            Include = map.StringList("include") ?? [],
            Exclude = map.StringList("exclude") ?? [],
            MaxFileSize = maxFileSize,
            Jobs = jobs,
            Baseline = baseline is null ? null : Resolve(baseline),
            FollowSymlinks = map.Bool("follow-symlinks"),
            Gitignore = map.Bool("gitignore"),
            DisableRules = map.StringList("disable-rules") ?? [],
            SeverityOverrides = overrides,
            Suppressions = ReadSuppressions(map.MapList("suppressions")),
        };
    }

    /// <summary>Reads a standalone suppression file (<c>suppressions:</c> list, same entries as in the configuration).</summary>
    public static IReadOnlyList<SuppressionEntry> LoadSuppressionFile(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read suppression file: {ex.Message}");
        }
        try
        {
            var map = YamlMap.ParseDocument(text);
            if (map is null) return [];
            var entries = ReadSuppressions(map.MapList("suppressions"));
            map.RejectUnknownKeys();
            return entries;
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (YamlShapeException ex)
        {
            throw new ConfigException($"{path}:{ex.Line}:{ex.Column}: {ex.Message}");
        }
    }

    private static IReadOnlyList<SuppressionEntry> ReadSuppressions(List<YamlMap>? items)
    {
        var result = new List<SuppressionEntry>();
        foreach (var s in items ?? [])
        {
            var rule = s.String("rule");
            var pathGlob = s.String("path");
            var fingerprint = s.String("fingerprint");
            var reason = s.String("reason");
            var expiresText = s.String("expires");
            s.RejectUnknownKeys();
            if (string.IsNullOrWhiteSpace(reason)) throw s.ErrorAt("reason", "a suppression needs a 'reason'");
            if (rule is null && pathGlob is null && fingerprint is null) throw s.ErrorAt("rule", "a suppression needs a 'rule', a 'path' or a 'fingerprint'");
            DateOnly? expires = null;
            if (expiresText is not null)
            {
                if (!DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    throw s.ErrorAt("expires", $"'{expiresText}' is not a date like 2026-12-31");
                expires = d;
            }
            result.Add(new SuppressionEntry(rule?.Trim(), pathGlob?.Trim(), fingerprint?.Trim(), reason.Trim(), expires));
        }
        return result;
    }

    public static bool TryParseSize(string text, out long bytes)
    {
        var match = SizePattern().Match(text.Trim());
        bytes = 0;
        if (!match.Success) return false;
        var number = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        double factor = match.Groups["u"].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1024,
            "M" or "MB" or "MIB" => 1024 * 1024,
            "G" or "GB" or "GIB" => 1024L * 1024 * 1024,
            _ => 0,
        };
        if (factor == 0) return false;
        bytes = (long)(number * factor);
        return bytes > 0;
    }

    [GeneratedRegex(@"^(?<n>[0-9]+(\.[0-9]+)?)\s*(?<u>[A-Za-z]*)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex SizePattern();

    private static string ExpandHome(string p) =>
        p.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), p[2..]) : p;
}
