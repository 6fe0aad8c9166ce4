using System.Text;

namespace McpSentinel.Reporting.Tests;

/// <summary>A strict RFC 4180 reader for tests: CRLF records, quoted fields with doubled quotes.</summary>
internal static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        bool quoted = false, atFieldStart = true;
        while (i < text.Length)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                if (c == '"') { quoted = false; i++; continue; }
                field.Append(c);
                i++;
                continue;
            }
            if (c == '"' && atFieldStart) { quoted = true; atFieldStart = false; i++; continue; }
            if (c == '"') throw new FormatException($"bare quote at {i}");
            if (c == ',') { row.Add(field.ToString()); field.Clear(); atFieldStart = true; i++; continue; }
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                atFieldStart = true;
                i += 2;
                continue;
            }
            if (c is '\r' or '\n') throw new FormatException($"bare line break at {i}");
            field.Append(c);
            atFieldStart = false;
            i++;
        }
        if (quoted) throw new FormatException("unterminated quoted field");
        if (field.Length > 0 || row.Count > 0) throw new FormatException("last record does not end with CRLF");
        return rows;
    }
}
