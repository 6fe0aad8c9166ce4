using System.Globalization;
using System.Text.RegularExpressions;
using McpSentinel.Core.Model;
using McpSentinel.Core.Suppression;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace McpSentinel.Core.Configuration;

/// <summary>Finds and parses <c>.mcp-sentinel.yml</c>: searched upward from the target, then in the user's configuration
/// folder (<c>$XDG_CONFIG_HOME/mcp-sentinel/config.yml</c>). A malformed file throws <see cref="ConfigException"/>.</summary>
public static partial class ConfigLoader
{
    public const string FileName = ".mcp-sentinel.yml";
    private static readonly string[] FileNames = [FileName, ".mcp-sentinel.yaml"];

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .Build();

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
        ConfigDocument? doc;
        try
        {
            doc = Deserializer.Deserialize<ConfigDocument>(yaml);
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {Reason(ex)}");
        }
        if (doc is null) return SentinelConfig.Empty with { SourcePath = path };

        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string Resolve(string p) => Path.GetFullPath(Path.Combine(baseDir, ExpandHome(p)));
        Exception Bad(string key, string why) => new ConfigException($"{path}: '{key}': {why}");

        Severity? failOn = null, minSeverity = null;
        Confidence? minConfidence = null;
        if (doc.FailOn is not null)
        {
            if (!Levels.TryParseThreshold(doc.FailOn, out var s)) throw Bad("fail-on", $"'{doc.FailOn}' is not one of critical, high, medium, low, info, none");
            failOn = s;
        }
        if (doc.MinSeverity is not null)
        {
            if (!Levels.TryParseSeverity(doc.MinSeverity, out var s)) throw Bad("min-severity", $"'{doc.MinSeverity}' is not one of critical, high, medium, low, info");
            minSeverity = s;
        }
        if (doc.MinConfidence is not null)
        {
            if (!Levels.TryParseConfidence(doc.MinConfidence, out var c)) throw Bad("min-confidence", $"'{doc.MinConfidence}' is not one of high, medium, low");
            minConfidence = c;
        }
        long? maxFileSize = null;
        if (doc.MaxFileSize is not null)
        {
            if (!TryParseSize(doc.MaxFileSize, out var size)) throw Bad("max-file-size", $"'{doc.MaxFileSize}' is not a size such as 2MB, 512KB or 1048576");
            maxFileSize = size;
        }
        if (doc.Jobs is < 1 or > 256) throw Bad("jobs", "must be between 1 and 256");

        var overrides = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);
        foreach (var (rule, value) in doc.SeverityOverrides ?? [])
        {
            if (!Levels.TryParseSeverity(value, out var s)) throw Bad("severity-overrides", $"{rule}: '{value}' is not a severity");
            overrides[rule] = s;
        }

        var suppressions = ParseSuppressions(doc.Suppressions, path);

        return new SentinelConfig
        {
            SourcePath = path,
            FailOn = failOn,
            MinSeverity = minSeverity,
            MinConfidence = minConfidence,
            Engines = doc.Engines,
            RuleDirectories = (doc.Rules ?? []).Select(Resolve).ToArray(),
            Include = doc.Include ?? [],
            Exclude = doc.Exclude ?? [],
            MaxFileSize = maxFileSize,
            Jobs = doc.Jobs,
            Baseline = doc.Baseline is null ? null : Resolve(doc.Baseline),
            FollowSymlinks = doc.FollowSymlinks,
            Gitignore = doc.Gitignore,
            DisableRules = doc.DisableRules ?? [],
            SeverityOverrides = overrides,
            Suppressions = suppressions,
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
            var doc = Deserializer.Deserialize<SuppressionFileDocument>(text);
            return ParseSuppressions(doc?.Suppressions, path);
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {Reason(ex)}");
        }
    }

    private static IReadOnlyList<SuppressionEntry> ParseSuppressions(List<SuppressionDocument>? docs, string path)
    {
        var result = new List<SuppressionEntry>();
        int index = 0;
        foreach (var s in docs ?? [])
        {
            index++;
            if (string.IsNullOrWhiteSpace(s.Reason)) throw new ConfigException($"{path}: suppression #{index}: a 'reason' is required");
            if (s.Rule is null && s.Path is null && s.Fingerprint is null) throw new ConfigException($"{path}: suppression #{index}: give a 'rule', a 'path' or a 'fingerprint'");
            DateOnly? expires = null;
            if (s.Expires is not null)
            {
                if (!DateOnly.TryParseExact(s.Expires, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    throw new ConfigException($"{path}: suppression #{index}: expires '{s.Expires}' is not a date like 2026-12-31");
                expires = d;
            }
            result.Add(new SuppressionEntry(s.Rule?.Trim(), s.Path?.Trim(), s.Fingerprint?.Trim(), s.Reason.Trim(), expires));
        }
        return result;
    }

    private static string Reason(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        var unknown = UnknownProperty().Match(message);
        return unknown.Success ? $"unknown key '{unknown.Groups[1].Value}'" : message;
    }

    [GeneratedRegex("Property '([^']+)' not found", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex UnknownProperty();

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
