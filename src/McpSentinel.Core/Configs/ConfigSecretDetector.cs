using System.Text.RegularExpressions;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Scanning;
using McpSentinel.Core.Text;

namespace McpSentinel.Core.Configs;

/// <summary>
/// Recognises credentials in configuration values: the hardcoded-secret rules of the loaded rule pack (when it has any) plus a
/// built-in list of well-known provider formats, and a generic entropy check for values under secret-like names.
/// Placeholders (${env:X}, ${input:id}, $VAR, %VAR%, {env:X}, &lt;your-key&gt;) are never secrets.
/// </summary>
public sealed class ConfigSecretDetector
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    private static readonly (string Provider, Regex Pattern)[] ProviderFormats =
    [
        ("GitHub token", new Regex(@"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b", RegexOptions.None, Timeout)),
        ("GitLab token", new Regex(@"\bglpat-[A-Za-z0-9_\-]{20,}\b", RegexOptions.None, Timeout)),
        ("Anthropic API key", new Regex(@"\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_\-]{40,}", RegexOptions.None, Timeout)),
        ("OpenAI API key", new Regex(@"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,}|\bsk-proj-[A-Za-z0-9_\-]{40,}", RegexOptions.None, Timeout)),
        ("AWS access key id", new Regex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", RegexOptions.None, Timeout)),
        ("Slack token", new Regex(@"\bxox[abposr]-[0-9A-Za-z\-]{10,}", RegexOptions.None, Timeout)),
        ("Google API key", new Regex(@"\bAIza[0-9A-Za-z_\-]{35}\b", RegexOptions.None, Timeout)),
        ("Stripe secret key", new Regex(@"\b(?:sk|rk)_live_[0-9A-Za-z]{20,}\b", RegexOptions.None, Timeout)),
        ("npm token", new Regex(@"\bnpm_[A-Za-z0-9]{36}\b", RegexOptions.None, Timeout)),
        ("Hugging Face token", new Regex(@"\bhf_[A-Za-z0-9]{34,}\b", RegexOptions.None, Timeout)),
        ("PyPI token", new Regex(@"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}", RegexOptions.None, Timeout)),
        ("SendGrid API key", new Regex(@"\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b", RegexOptions.None, Timeout)),
        ("DigitalOcean token", new Regex(@"\bdo[pro]_v1_[a-f0-9]{64}\b", RegexOptions.None, Timeout)),
        ("Shopify token", new Regex(@"\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b", RegexOptions.None, Timeout)),
        ("Linear API key", new Regex(@"\blin_api_[A-Za-z0-9]{40}\b", RegexOptions.None, Timeout)),
        ("Notion token", new Regex(@"\b(?:secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,})\b", RegexOptions.None, Timeout)),
        ("Private key", new Regex(@"-----BEGIN (?:RSA |EC |OPENSSH |DSA |PGP )?PRIVATE KEY", RegexOptions.None, Timeout)),
        ("credentials in a URL", new Regex(@"\b[a-z][a-z0-9+.\-]*://[^\s:/@]+:(?<secret>[^\s@/]{6,})@", RegexOptions.IgnoreCase, Timeout)),
    ];

    private static readonly Regex SecretName = new(@"TOKEN|KEY|SECRET|PASSWORD|PASSWD|PWD|CREDENTIAL|AUTH|BEARER|PAT$", RegexOptions.IgnoreCase, Timeout);
    private static readonly Regex Placeholder = new(@"\$\{[^}]*\}|\{env:[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|<[^>]*>|\{\{[^}]*\}\}", RegexOptions.None, Timeout);
    private static readonly Regex Dummy = new(@"^(?:x+|\*+|\.+|-+|0+|changeme|change-me|replace[-_ ]?me|your[-_ a-z]*|example[-_a-z]*|dummy[-_a-z]*|test|todo|none|null|redacted|secret|password)$", RegexOptions.IgnoreCase, Timeout);

    private readonly StaticEngine? _packSecrets;

    public ConfigSecretDetector(RuleSet? rules)
    {
        var secretRules = rules?.Rules.Where(r => r.Metadata.Category == Categories.HardcodedSecret && r.LanguageSet is null).ToArray() ?? [];
        _packSecrets = secretRules.Length == 0 ? null : new StaticEngine(new RuleSet(secretRules));
    }

    /// <summary>A recognised provider credential in <paramref name="value"/>: the provider and the exact secret text.</summary>
    public (string Provider, string Secret)? FindProviderSecret(string name, string value)
    {
        var literal = Placeholder.Replace(value, " ");
        if (literal.Trim().Length < 8) return null;
        foreach (var (provider, pattern) in ProviderFormats)
        {
            try
            {
                var match = pattern.Match(literal);
                if (!match.Success) continue;
                var group = match.Groups["secret"];
                return (provider, group.Success ? group.Value : match.Value);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }
        }
        if (_packSecrets is not null)
        {
            var file = new SourceFile("", Language.Text, $"{name}={literal}");
            var hit = _packSecrets.Analyze(file, CancellationToken.None).Findings.FirstOrDefault();
            if (hit is not null) return (hit.Title, literal.Trim());
        }
        return null;
    }

    /// <summary>A random-looking literal under a secret-like name (the value, without any "Bearer " prefix), or null.</summary>
    public static string? FindGenericSecret(string name, string value)
    {
        if (!SecretName.IsMatch(name)) return null;
        if (Placeholder.IsMatch(value)) return null; // partly or wholly a reference: "Bearer ${input:token}"
        var candidate = value.Trim();
        foreach (var prefix in new[] { "Bearer ", "bearer ", "Basic ", "Token ", "token " })
        {
            if (candidate.StartsWith(prefix, StringComparison.Ordinal)) candidate = candidate[prefix.Length..].Trim();
        }
        if (candidate.Length < 12 || candidate.Contains(' ') || candidate.Contains("****", StringComparison.Ordinal) || Dummy.IsMatch(candidate)) return null;
        if (candidate.StartsWith("http", StringComparison.OrdinalIgnoreCase) || candidate.StartsWith('/') || candidate.StartsWith('~')) return null;
        if (Entropy.Shannon(candidate) < 3.3) return null;
        bool letters = candidate.Any(char.IsLetter), digits = candidate.Any(char.IsDigit);
        return letters && digits ? candidate : null;
    }

    /// <summary>Masks every provider-format credential and every secret-named URL query value or KEY=value pair in free text
    /// (evidence built from command lines).</summary>
    public string MaskText(string text)
    {
        foreach (var (_, pattern) in ProviderFormats)
        {
            try
            {
                text = pattern.Replace(text, m => m.Groups["secret"].Success
                    ? m.Value.Replace(m.Groups["secret"].Value, SecretMask.Mask(m.Groups["secret"].Value), StringComparison.Ordinal)
                    : (m.Value.Contains("****", StringComparison.Ordinal) ? m.Value : SecretMask.Mask(m.Value)));
            }
            catch (RegexMatchTimeoutException)
            {
                return "(evidence withheld: it could not be checked for secrets)";
            }
        }
        try
        {
            text = NamedValue.Replace(text, m => FindGenericSecret(m.Groups["name"].Value, m.Groups["value"].Value) is { } v
                ? m.Groups["name"].Value + m.Groups["sep"].Value + SecretMask.Mask(v)
                : m.Value);
        }
        catch (RegexMatchTimeoutException)
        {
            return "(evidence withheld: it could not be checked for secrets)";
        }
        if (_packSecrets is not null)
        {
            var hit = _packSecrets.Analyze(new SourceFile("", Language.Text, text), CancellationToken.None).Findings.FirstOrDefault();
            if (hit is not null && hit.Evidence != text) return hit.Evidence;
        }
        return text;
    }

    private static readonly Regex NamedValue = new(@"(?<name>[A-Za-z_][A-Za-z0-9_\-]*)(?<sep>=|:\s*)(?<value>[^\s&""',;]+)", RegexOptions.None, Timeout);

    /// <summary>The value with <paramref name="secret"/> masked.</summary>
    public static string Masked(string value, string secret) =>
        secret.Length == 0 ? value : value.Replace(secret, SecretMask.Mask(secret), StringComparison.Ordinal);
}
