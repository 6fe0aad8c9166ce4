namespace McpSentinel.Core.Text;

/// <summary>Offsets of line starts in a text, for offset → (line, column) lookups (1-based).</summary>
public sealed class LineIndex
{
    private readonly int[] _starts;
    private readonly int _length;

    public LineIndex(ReadOnlySpan<char> text)
    {
        _length = text.Length;
        var starts = new List<int>(Math.Max(16, text.Length / 40)) { 0 };
        int offset = 0;
        while (true)
        {
            int index = text[offset..].IndexOf('\n');
            if (index < 0) break;
            offset += index + 1;
            starts.Add(offset);
        }
        _starts = starts.ToArray();
    }

    public int LineCount => _starts.Length;

    /// <summary>0-based line number of the character at <paramref name="offset"/>.</summary>
    public int LineOf(int offset)
    {
        int index = Array.BinarySearch(_starts, offset);
        return index >= 0 ? index : ~index - 1;
    }

    public int LineStart(int line) => _starts[line];

    /// <summary>Offset of the end of the line (before its '\n', and before a '\r' that precedes it).</summary>
    public int LineEnd(int line, ReadOnlySpan<char> text)
    {
        int end = line + 1 < _starts.Length ? _starts[line + 1] - 1 : _length;
        if (end > _starts[line] && end - 1 < text.Length && end - 1 >= 0 && text[end - 1] == '\r') end--;
        return end;
    }

    public (int Line, int Column) Position(int offset)
    {
        int line = LineOf(offset);
        return (line + 1, offset - _starts[line] + 1);
    }
}
