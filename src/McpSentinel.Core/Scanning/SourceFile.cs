using McpSentinel.Core.Model;
using McpSentinel.Core.Text;

namespace McpSentinel.Core.Scanning;

/// <summary>A decoded source file, ready for analysis. Line and comment maps are built on first use.</summary>
public sealed class SourceFile
{
    private LineIndex? _lines;
    private CommentMap? _comments;

    public SourceFile(string path, Language language, string text)
    {
        Path = path;
        Language = language;
        Text = text;
    }

    /// <summary>Path relative to the scan root, with '/' separators.</summary>
    public string Path { get; }
    public Language Language { get; }
    public string Text { get; }

    public LineIndex Lines => _lines ??= new LineIndex(Text);
    public CommentMap Comments => _comments ??= CommentMap.Build(Text, Language);

    public string LineText(int zeroBasedLine)
    {
        int start = Lines.LineStart(zeroBasedLine);
        int end = Lines.LineEnd(zeroBasedLine, Text);
        return Text[start..end];
    }
}
