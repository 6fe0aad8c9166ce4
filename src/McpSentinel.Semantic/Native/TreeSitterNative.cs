using System.Runtime.InteropServices;

namespace McpSentinel.Semantic.Native;

/// <summary>The minimal P/Invoke surface over libmcpsentinel-treesitter (tree-sitter 0.25 core + grammars), built from
/// pinned sources by the project's BuildTreeSitter target. Only this file touches native code.</summary>
internal static unsafe partial class TreeSitterNative
{
    public const string Library = "mcpsentinel-treesitter";

    [StructLayout(LayoutKind.Sequential)]
    public struct TSNode
    {
        public uint Context0, Context1, Context2, Context3;
        public nint Id;
        public nint Tree;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct TSPoint
    {
        public uint Row;
        public uint Column;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct TSTreeCursor
    {
        public nint Tree;
        public nint Id;
        public uint Context0, Context1, Context2;
    }

    public const int EncodingUtf16Le = 1;

    [LibraryImport(Library)] public static partial nint ts_parser_new();
    [LibraryImport(Library)] public static partial void ts_parser_delete(nint parser);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_parser_set_language(nint parser, nint language);
    [LibraryImport(Library)] public static partial nint ts_parser_parse_string_encoding(nint parser, nint oldTree, char* text, uint length, int encoding);
    [LibraryImport(Library)] public static partial void ts_tree_delete(nint tree);
    [LibraryImport(Library)] public static partial TSNode ts_tree_root_node(nint tree);

    [LibraryImport(Library)] public static partial nint ts_node_type(TSNode node);
    [LibraryImport(Library)] public static partial uint ts_node_start_byte(TSNode node);
    [LibraryImport(Library)] public static partial uint ts_node_end_byte(TSNode node);
    [LibraryImport(Library)] public static partial TSPoint ts_node_start_point(TSNode node);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_is_named(TSNode node);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_has_error(TSNode node);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_is_error(TSNode node);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_is_missing(TSNode node);

    [LibraryImport(Library)] public static partial TSTreeCursor ts_tree_cursor_new(TSNode node);
    [LibraryImport(Library)] public static partial void ts_tree_cursor_delete(TSTreeCursor* cursor);
    [LibraryImport(Library)] public static partial TSNode ts_tree_cursor_current_node(TSTreeCursor* cursor);
    [LibraryImport(Library)] public static partial nint ts_tree_cursor_current_field_name(TSTreeCursor* cursor);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_tree_cursor_goto_first_child(TSTreeCursor* cursor);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_tree_cursor_goto_next_sibling(TSTreeCursor* cursor);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_tree_cursor_goto_parent(TSTreeCursor* cursor);

    [LibraryImport(Library)] public static partial nint tree_sitter_python();
    [LibraryImport(Library)] public static partial nint tree_sitter_javascript();
    [LibraryImport(Library)] public static partial nint tree_sitter_typescript();
    [LibraryImport(Library)] public static partial nint tree_sitter_tsx();
    [LibraryImport(Library)] public static partial nint tree_sitter_go();
}
