using McpSentinel.Core.Text;

namespace McpSentinel.Semantic.Syntax;

/// <summary>A managed copy of one tree-sitter node. Offsets are UTF-16 indexes into the source text (the parser reads
/// the .NET string directly as UTF-16), lines and columns are 0-based here and made 1-based in findings.</summary>
public sealed class SyntaxNode
{
    private static readonly SyntaxNode[] NoChildren = [];

    private readonly LineIndex _lines;

    internal SyntaxNode(string type, string? field, bool isNamed, int start, int end, LineIndex lines, string source)
    {
        Type = type;
        Field = field;
        IsNamed = isNamed;
        Start = start;
        End = end;
        _lines = lines;
        Source = source;
    }

    public string Type { get; }
    /// <summary>The field name this node has in its parent (e.g. <c>function</c>, <c>arguments</c>), if any.</summary>
    public string? Field { get; }
    public bool IsNamed { get; }
    public int Start { get; }
    public int End { get; }
    public int Line => _lines.LineOf(Start);
    public int Column => Start - _lines.LineStart(Line);
    public SyntaxNode? Parent { get; internal set; }
    public IReadOnlyList<SyntaxNode> Children { get; internal set; } = NoChildren;
    internal string Source { get; }

    private string? _text;

    public string Text => _text ??= Source[Start..End];

    public IEnumerable<SyntaxNode> NamedChildren => Children.Where(c => c.IsNamed);

    public SyntaxNode? ChildByField(string field)
    {
        foreach (var child in Children) if (child.Field == field) return child;
        return null;
    }

    public IEnumerable<SyntaxNode> ChildrenByField(string field) => Children.Where(c => c.Field == field);

    /// <summary>This node and all its descendants, depth first, in source order.</summary>
    public IEnumerable<SyntaxNode> DescendantsAndSelf()
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            for (int i = node.Children.Count - 1; i >= 0; i--) stack.Push(node.Children[i]);
        }
    }

    public override string ToString() => $"{Type}@{Line + 1}:{Column + 1}";
}
