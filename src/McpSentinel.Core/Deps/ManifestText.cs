namespace McpSentinel.Core.Deps;

/// <summary>Line lookups in a manifest's text, for locations.</summary>
internal sealed class ManifestText
{
    private readonly string[] _lines;

    public ManifestText(string text)
    {
        Text = text;
        _lines = text.Split('\n');
    }

    public string Text { get; }

    public int LineCount => _lines.Length;

    public string LineAt(int line) => line >= 1 && line <= _lines.Length ? _lines[line - 1].TrimEnd('\r') : "";

    /// <summary>The 1-based line of the first occurrence of <paramref name="needle"/> at or after line
    /// <paramref name="fromLine"/>, or <paramref name="fallback"/>.</summary>
    public int Find(string needle, int fromLine = 1, int fallback = 1)
    {
        for (int i = Math.Max(0, fromLine - 1); i < _lines.Length; i++)
        {
            if (_lines[i].Contains(needle, StringComparison.Ordinal)) return i + 1;
        }
        return fallback;
    }
}
