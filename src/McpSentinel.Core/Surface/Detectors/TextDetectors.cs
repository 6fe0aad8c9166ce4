using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using McpSentinel.Core.Model;
using McpSentinel.Core.Text;

namespace McpSentinel.Core.Surface.Detectors;

/// <summary>MCP-SURF-001: hidden Unicode (tag characters decoded, bidi and zero-width controls shown as code points).
/// A zero-width joiner inside an emoji sequence and a variation selector after an emoji are not hidden text.</summary>
public sealed class HiddenUnicodeDetector : ISurfaceDetector
{
    public string Id => SurfaceRules.HiddenUnicode.Id;

    public IEnumerable<Finding> Detect(SurfaceContext context)
    {
        foreach (var s in context.Strings)
        {
            var (hidden, strong) = Inspect(s.Text);
            if (hidden == 0) continue;
            var rendered = VisibleText.Render(s.Text);
            var decoded = Regex.Match(rendered, "<hidden:\"([^\"]*)\">");
            var message = decoded.Success
                ? $"{hidden} hidden character(s); the invisible tag text decodes to: \"{SurfaceFindings.Clip(decoded.Groups[1].Value)}\""
                : $"{hidden} hidden character(s) (shown as <U+XXXX> in the evidence)";
            yield return SurfaceFindings.Create(SurfaceRules.HiddenUnicode, s.LogicalPath, message, rendered, strong ? Severity.High : Severity.Medium);
        }
    }

    /// <summary>Counts hidden runes; <c>strong</c> when tag characters or bidi controls are among them.</summary>
    internal static (int Hidden, bool Strong) Inspect(string text)
    {
        int hidden = 0;
        bool strong = false;
        Rune previous = default;
        var runes = text.EnumerateRunes().ToArray();
        for (int i = 0; i < runes.Length; i++)
        {
            var rune = runes[i];
            int v = rune.Value;
            bool isHidden;
            if (v is >= 0xE0000 and <= 0xE007F) { isHidden = true; strong = true; }
            else if (v is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069) { isHidden = true; strong = true; }
            else if (v == 0x200D) isHidden = !(IsEmoji(previous) && i + 1 < runes.Length && IsEmoji(runes[i + 1]));
            else if (v is '\t' or '\n' or '\r') isHidden = false;
            else if (v == 0xFE0F) isHidden = false;
            else isHidden = Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.Control;
            if (isHidden) hidden++;
            previous = rune;
        }
        return (hidden, strong);
    }

    private static bool IsEmoji(Rune rune) => rune.Value >= 0x1F000 || rune.Value is >= 0x2600 and <= 0x27BF;
}

/// <summary>MCP-SURF-002: raw ANSI escape sequences (CSI, OSC).</summary>
public sealed class AnsiEscapeDetector : ISurfaceDetector
{
    private static readonly Regex Escape = new(@"\u001B(?:\[[0-9;?]*[A-Za-z]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[@-Z\\-_])", RegexOptions.NonBacktracking);

    public string Id => SurfaceRules.AnsiEscape.Id;

    public IEnumerable<Finding> Detect(SurfaceContext context)
    {
        foreach (var s in context.Strings)
        {
            var matches = Escape.Matches(s.Text);
            if (matches.Count == 0) continue;
            bool concealing = matches.Any(m => m.Value.Contains("[8m", StringComparison.Ordinal) || m.Value.StartsWith("\u001B]52", StringComparison.Ordinal)
                || m.Value.StartsWith("\u001B]8", StringComparison.Ordinal) || m.Value.EndsWith('A') || m.Value.EndsWith('K'));
            var visible = Escape.Replace(s.Text, "");
            yield return SurfaceFindings.Create(SurfaceRules.AnsiEscape, s.LogicalPath,
                $"{matches.Count} ANSI escape sequence(s){(concealing ? " that can hide or rewrite text (conceal, cursor movement, hyperlink or clipboard)" : "")}; the text without them reads: \"{SurfaceFindings.Clip(visible)}\"",
                s.Text);
        }
    }
}

/// <summary>MCP-SURF-003: HTML comments (hidden by Markdown renderers, read by the model).</summary>
public sealed class HtmlCommentDetector : ISurfaceDetector
{
    private static readonly Regex Comment = new(@"<!--(.*?)-->", RegexOptions.Singleline, TimeSpan.FromSeconds(1));

    public string Id => SurfaceRules.HtmlComment.Id;

    public IEnumerable<Finding> Detect(SurfaceContext context)
    {
        foreach (var s in context.Strings.Where(s => s.Field is SurfaceField.Description or SurfaceField.ParameterDescription or SurfaceField.Instructions or SurfaceField.Title))
        {
            Match match;
            try { match = Comment.Match(s.Text); }
            catch (RegexMatchTimeoutException) { continue; }
            for (; match.Success; match = match.NextMatch())
            {
                var body = match.Groups[1].Value.Trim();
                if (body.Length == 0) continue;
                var severity = Wording.IsImperative(body) ? Severity.High : Severity.Medium;
                yield return SurfaceFindings.Create(SurfaceRules.HtmlComment, s.LogicalPath, $"HTML comment hidden from people: \"{SurfaceFindings.Clip(body)}\"", match.Value, severity);
                break;
            }
        }
    }
}

/// <summary>MCP-SURF-004: base64 blobs that decode to readable instructions.</summary>
public sealed class Base64InstructionsDetector : ISurfaceDetector
{
    private static readonly Regex Blob = new(@"[A-Za-z0-9+/_-]{32,}={0,2}", RegexOptions.NonBacktracking);

    public string Id => SurfaceRules.Base64Instructions.Id;

    public IEnumerable<Finding> Detect(SurfaceContext context)
    {
        foreach (var s in context.Strings)
        {
            foreach (Match match in Blob.Matches(s.Text))
            {
                if (Decode(match.Value) is not { } text || !Wording.IsImperative(text)) continue;
                yield return SurfaceFindings.Create(SurfaceRules.Base64Instructions, s.LogicalPath, $"base64 text decodes to instructions: \"{SurfaceFindings.Clip(text)}\"", match.Value);
                break;
            }
        }
    }

    /// <summary>Decodes standard or URL-safe base64 into text when at least 90 % of it is printable; otherwise null.</summary>
    internal static string? Decode(string blob)
    {
        var normalized = blob.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        if (normalized.Length % 4 == 1) return null;
        normalized = normalized.PadRight(normalized.Length + (4 - normalized.Length % 4) % 4, '=');
        byte[] bytes;
        try { bytes = Convert.FromBase64String(normalized); }
        catch (FormatException) { return null; }
        string text;
        try { text = new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
        if (text.Length < 12) return null;
        int printable = text.Count(c => !char.IsControl(c) || c is '\n' or '\r' or '\t');
        int letters = text.Count(char.IsLetter);
        return printable >= text.Length * 0.9 && letters >= text.Length * 0.5 && text.Contains(' ', StringComparison.Ordinal) ? text : null;
    }
}

/// <summary>MCP-SURF-005: descriptions far longer than a tool needs.</summary>
public sealed class OversizeDescriptionDetector : ISurfaceDetector
{
    public const int Threshold = 4000;

    public string Id => SurfaceRules.OversizeDescription.Id;

    public IEnumerable<Finding> Detect(SurfaceContext context) => context.Strings
        .Where(s => s.Field is SurfaceField.Description or SurfaceField.ParameterDescription && s.Text.Length > Threshold)
        .Select(s => SurfaceFindings.Create(SurfaceRules.OversizeDescription, s.LogicalPath,
            $"description is {s.Text.Length.ToString(CultureInfo.InvariantCulture)} characters long (threshold {Threshold.ToString(CultureInfo.InvariantCulture)})",
            s.Text[..Math.Min(s.Text.Length, 200)], s.Text.Length > 4 * Threshold ? Severity.Medium : null));
}
