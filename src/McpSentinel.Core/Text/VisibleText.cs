using System.Globalization;
using System.Text;

namespace McpSentinel.Core.Text;

/// <summary>
/// Makes hidden characters visible in evidence and messages: bidi controls, zero-width characters and other
/// format/control characters become <c>&lt;U+202E&gt;</c>; runs of Unicode tag characters (U+E0000–U+E007F),
/// which smuggle ASCII text invisible to people, are decoded and shown as <c>&lt;hidden:"text"&gt;</c>.
/// </summary>
public static class VisibleText
{
    public static bool HasHidden(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsHidden(rune)) return true;
        }
        return false;
    }

    public static string Render(string text)
    {
        if (!HasHidden(text)) return text;
        var builder = new StringBuilder(text.Length + 16);
        var tags = new StringBuilder();
        void FlushTags()
        {
            if (tags.Length == 0) return;
            builder.Append("<hidden:\"").Append(tags).Append("\">");
            tags.Clear();
        }
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is >= 0xE0000 and <= 0xE007F)
            {
                int ascii = rune.Value - 0xE0000;
                if (ascii is >= 0x20 and < 0x7F) tags.Append((char)ascii);
                continue;
            }
            FlushTags();
            if (IsHidden(rune)) builder.Append("<U+").Append(rune.Value.ToString("X4", CultureInfo.InvariantCulture)).Append('>');
            else builder.Append(rune.ToString());
        }
        FlushTags();
        return builder.ToString();
    }

    private static bool IsHidden(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r') return false;
        if (rune.Value is >= 0xE0000 and <= 0xE007F) return true;
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.Control or UnicodeCategory.Format;
    }
}
