using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using McpSentinel.Core.Text;
using McpSentinel.Semantic.Native;
using static McpSentinel.Semantic.Native.TreeSitterNative;

namespace McpSentinel.Semantic.Syntax;

/// <summary>The grammars compiled into the native library.</summary>
public enum Grammar
{
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Go,
}

/// <summary>The outcome of parsing one file: a managed tree, or the reason there is none.</summary>
public sealed record ParseOutcome(SyntaxNode? Root, bool HasErrors, string? Failure);

/// <summary>Parses source text with tree-sitter and copies the tree into managed <see cref="SyntaxNode"/>s (so analysis never
/// holds native memory). Thread-safe: each call uses its own parser.</summary>
public static unsafe class SyntaxParser
{
    private static readonly ConcurrentDictionary<nint, string> Names = new();
    private static readonly Lazy<string?> LoadError = new(Probe);

    /// <summary>Null when the native library loaded and every grammar is present; otherwise why not.</summary>
    public static string? UnavailableReason => LoadError.Value;

    public static bool IsAvailable => UnavailableReason is null;

    private static string? Probe()
    {
        try
        {
            foreach (var grammar in Enum.GetValues<Grammar>())
            {
                if (LanguageOf(grammar) == 0) return $"the {grammar} grammar is missing from the native library";
            }
            var parser = ts_parser_new();
            ts_parser_delete(parser);
            return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return $"native parser library lib{Library}.so could not be loaded ({ex.GetType().Name}: {ex.Message})";
        }
    }

    private static nint LanguageOf(Grammar grammar) => grammar switch
    {
        Grammar.Python => tree_sitter_python(),
        Grammar.JavaScript => tree_sitter_javascript(),
        Grammar.TypeScript => tree_sitter_typescript(),
        Grammar.Tsx => tree_sitter_tsx(),
        _ => tree_sitter_go(),
    };

    public static ParseOutcome Parse(string text, Grammar grammar)
    {
        if (UnavailableReason is { } reason) return new ParseOutcome(null, false, reason);
        var parser = ts_parser_new();
        try
        {
            if (!ts_parser_set_language(parser, LanguageOf(grammar))) return new ParseOutcome(null, false, "the grammar's ABI version does not match the parser");
            nint tree;
            fixed (char* chars = text)
            {
                tree = ts_parser_parse_string_encoding(parser, 0, chars, checked((uint)text.Length * 2), EncodingUtf16Le);
            }
            if (tree == 0) return new ParseOutcome(null, false, "the parser returned no tree");
            try
            {
                var rootNode = ts_tree_root_node(tree);
                bool errors = ts_node_has_error(rootNode);
                return new ParseOutcome(Copy(rootNode, text), errors, null);
            }
            finally
            {
                ts_tree_delete(tree);
            }
        }
        finally
        {
            ts_parser_delete(parser);
        }
    }

    private static string Name(nint ptr)
    {
        if (ptr == 0) return "";
        return Names.GetOrAdd(ptr, p => Marshal.PtrToStringUTF8(p) ?? "");
    }

    /// <summary>Copies the native tree with one cursor walk (child access by index is quadratic in tree-sitter). Anonymous
    /// tokens without a field name are left out. Children are collected in one shared buffer; lines and columns are
    /// computed from offsets when asked for.</summary>
    private static SyntaxNode Copy(TSNode rootNode, string text)
    {
        var lines = new LineIndex(text);
        var cursor = ts_tree_cursor_new(rootNode);
        try
        {
            var root = Make(ts_tree_cursor_current_node(&cursor), null, lines, text);
            if (!ts_tree_cursor_goto_first_child(&cursor)) return root;
            var buffer = new List<SyntaxNode>(256);
            var open = new List<(SyntaxNode Node, int First)> { (root, 0) };
            while (true)
            {
                var native = ts_tree_cursor_current_node(&cursor);
                var fieldPtr = ts_tree_cursor_current_field_name(&cursor);
                if (fieldPtr != 0 || ts_node_is_named(native))
                {
                    var node = Make(native, Name(fieldPtr), lines, text);
                    node.Parent = open[^1].Node;
                    buffer.Add(node);
                    if (ts_tree_cursor_goto_first_child(&cursor))
                    {
                        open.Add((node, buffer.Count));
                        continue;
                    }
                }
                while (!ts_tree_cursor_goto_next_sibling(&cursor))
                {
                    var (done, first) = open[^1];
                    done.Children = buffer.GetRange(first, buffer.Count - first).ToArray();
                    buffer.RemoveRange(first, buffer.Count - first);
                    open.RemoveAt(open.Count - 1);
                    if (open.Count == 0 || !ts_tree_cursor_goto_parent(&cursor)) return root;
                }
            }
        }
        finally
        {
            ts_tree_cursor_delete(&cursor);
        }
    }

    private static SyntaxNode Make(TSNode node, string? field, LineIndex lines, string text)
    {
        int start = (int)(ts_node_start_byte(node) / 2);
        int end = (int)(ts_node_end_byte(node) / 2);
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        // MISSING nodes only occur in trees with errors, which the engine does not analyse.
        return new SyntaxNode(Name(ts_node_type(node)), string.IsNullOrEmpty(field) ? null : field, ts_node_is_named(node), start, end, lines, text);
    }
}
