using System.Text;

namespace McpSentinel.Reporting.Formatting;

/// <summary>Text made safe for spreadsheet cells and XML: formula injection neutralised, characters that XML 1.0
/// cannot carry replaced.</summary>
public static class CellText
{
    /// <summary>A cell that starts with = + - @ tab or carriage return is a formula (or becomes one) in Excel, LibreOffice
    /// and Google Sheets (<c>=cmd|' /C calc'!A0</c>): such text gets a leading apostrophe so it stays text.</summary>
    public static string Neutralise(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        return text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }

    /// <summary>Replaces characters that XML 1.0 forbids (NUL and other C0 controls, lone surrogates, U+FFFE/U+FFFF) with U+FFFD.</summary>
    public static string XmlSafe(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool ok;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            ok = c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (ok)
            {
                sb?.Append(c);
                continue;
            }
            sb ??= new StringBuilder(text.Length).Append(text, 0, i);
            sb.Append('\uFFFD');
        }
        return sb?.ToString() ?? text;
    }
}
