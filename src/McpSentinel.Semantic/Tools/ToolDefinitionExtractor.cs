using System.Text;
using System.Text.RegularExpressions;
using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Semantic.Syntax;

namespace McpSentinel.Semantic.Tools;

/// <summary>
/// Extracts tool / prompt / resource definitions as written in source: Python FastMCP decorators (name and description
/// arguments, docstrings, "Args:" sections, <c>Field(description=…)</c>) and TypeScript/JavaScript <c>server.tool(…)</c>,
/// <c>registerTool(…)</c>, <c>prompt</c>/<c>resource</c> registrations (description arguments, config objects, zod
/// <c>.describe(…)</c>), Go (mcp-go <c>mcp.NewTool</c> options, official SDK <c>&amp;mcp.Tool{…}</c> and argument struct tags)
/// and C# (<c>[McpServerTool]</c> methods with <c>[Description]</c>; see ToolDefinitionExtractor.GoCSharp.cs). Returns
/// nothing for files it cannot parse.
/// </summary>
public static partial class ToolDefinitionExtractor
{
    private static readonly HashSet<string> PythonKinds = new(StringComparer.Ordinal) { "tool", "prompt", "resource" };
    private static readonly Dictionary<string, string> JsKinds = new(StringComparer.Ordinal)
    {
        ["tool"] = "tool", ["registerTool"] = "tool", ["prompt"] = "prompt", ["registerPrompt"] = "prompt",
        ["resource"] = "resource", ["registerResource"] = "resource",
    };

    [GeneratedRegex(@"^\s*(?:Args|Arguments|Parameters|Params):\s*$")]
    private static partial Regex ArgsHeader();

    [GeneratedRegex(@"^\s*\*?\*?(\w+)\s*(?:\([^)]*\))?\s*:\s*(.+)$")]
    private static partial Regex ArgLine();

    public static IReadOnlyList<SourceToolDefinition> Extract(SourceFile file)
    {
        if (file.Language == Language.CSharp) return ExtractCSharp(file);
        if (SemanticEngine.GrammarOf(file) is not { } grammar) return [];
        var parsed = SyntaxParser.Parse(file.Text, grammar);
        if (parsed.Root is null) return [];
        if (grammar == Grammar.Go) return ExtractGo(file, parsed.Root);
        return grammar == Grammar.Python ? ExtractPython(file, parsed.Root) : ExtractJavaScript(file, parsed.Root);
    }

    private static Location At(SourceFile file, SyntaxNode node)
    {
        int endLine = file.Lines.LineOf(node.End);
        return new Location(file.Path, node.Line + 1, node.Column + 1, endLine + 1, node.End - file.Lines.LineStart(endLine) + 1);
    }

    // ---- Python -------------------------------------------------------------------------------------------------

    private static List<SourceToolDefinition> ExtractPython(SourceFile file, SyntaxNode root)
    {
        var result = new List<SourceToolDefinition>();
        foreach (var decorated in root.DescendantsAndSelf().Where(n => n.Type == "decorated_definition"))
        {
            var function = decorated.ChildByField("definition");
            if (function?.Type != "function_definition") continue;
            foreach (var decorator in decorated.Children.Where(c => c.Type == "decorator"))
            {
                var expr = decorator.NamedChildren.FirstOrDefault();
                var call = expr?.Type == "call" ? expr : null;
                var callee = call?.ChildByField("function") ?? expr;
                if (callee?.Type != "attribute" || callee.ChildByField("attribute")?.Text is not { } kind || !PythonKinds.Contains(kind)) continue;

                var args = call?.ChildByField("arguments")?.NamedChildren.ToList() ?? [];
                SyntaxNode? Keyword(string name) => args.FirstOrDefault(a => a.Type == "keyword_argument" && a.ChildByField("name")?.Text == name)?.ChildByField("value");
                var firstString = args.FirstOrDefault(a => a.Type is "string" or "concatenated_string");
                var name = PyString(Keyword("name")) ?? (kind != "resource" ? PyString(firstString) : null) ?? function.ChildByField("name")?.Text ?? "?";

                SyntaxNode? descriptionNode = Keyword("description");
                var docstring = Docstring(function);
                descriptionNode ??= docstring;
                var description = descriptionNode == docstring && docstring is not null ? Dedent(PyString(docstring)) : PyString(descriptionNode);

                var docParams = DocstringArgs(file, docstring);
                var parameters = new List<SourceParameterDefinition>();
                foreach (var param in function.ChildByField("parameters")?.NamedChildren ?? [])
                {
                    var nameNode = param.Type == "identifier" ? param : param.ChildByField("name") ?? param.NamedChildren.FirstOrDefault(c => c.Type == "identifier");
                    if (nameNode?.Type != "identifier" || nameNode.Text is "self" or "cls" or "ctx" or "context") continue;
                    if (param.ChildByField("type")?.Text.Contains("Context", StringComparison.Ordinal) == true) continue;
                    var field = param.DescendantsAndSelf().FirstOrDefault(n => n.Type == "keyword_argument" && n.ChildByField("name")?.Text == "description")?.ChildByField("value");
                    if (field is not null) parameters.Add(new SourceParameterDefinition(nameNode.Text, PyString(field), At(file, field)));
                    else if (docParams.TryGetValue(nameNode.Text, out var doc)) parameters.Add(new SourceParameterDefinition(nameNode.Text, doc.Text, doc.Location));
                    else parameters.Add(new SourceParameterDefinition(nameNode.Text, null, At(file, nameNode)));
                }
                result.Add(new SourceToolDefinition
                {
                    Kind = kind, Name = name, Location = At(file, decorator), Description = description,
                    DescriptionLocation = descriptionNode is null ? null : At(file, descriptionNode), Parameters = parameters,
                });
                break;
            }
        }
        return result;
    }

    private static SyntaxNode? Docstring(SyntaxNode function)
    {
        var first = function.ChildByField("body")?.NamedChildren.FirstOrDefault(n => n.Type != "comment");
        return first?.Type == "expression_statement" && first.NamedChildren.FirstOrDefault() is { Type: "string" } s ? s : null;
    }

    private static string? PyString(SyntaxNode? node)
    {
        if (node is null) return null;
        if (node.Type == "concatenated_string") return string.Concat(node.NamedChildren.Select(PyString));
        if (node.Type != "string") return null;
        var sb = new StringBuilder();
        foreach (var child in node.NamedChildren)
        {
            if (child.Type == "string_content") sb.Append(child.Text);
            else if (child.Type == "interpolation") sb.Append(child.Text);
        }
        return sb.ToString();
    }

    private static string? Dedent(string? text)
    {
        if (text is null) return null;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int indent = lines.Skip(1).Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select((l, i) => i == 0 ? l.Trim() : l.Length >= indent ? l[indent..].TrimEnd() : l.Trim())).Trim();
    }

    /// <summary>Google-style "Args:" entries of a docstring, each with the line it is written on.</summary>
    private static Dictionary<string, (string Text, Location Location)> DocstringArgs(SourceFile file, SyntaxNode? docstring)
    {
        var result = new Dictionary<string, (string, Location)>(StringComparer.Ordinal);
        if (docstring is null) return result;
        bool inArgs = false;
        int argsIndent = -1;
        for (int line = docstring.Line; line <= file.Lines.LineOf(docstring.End); line++)
        {
            var text = file.LineText(line);
            if (ArgsHeader().IsMatch(text)) { inArgs = true; argsIndent = -1; continue; }
            if (!inArgs) continue;
            if (text.Trim().Length == 0) { if (result.Count > 0) inArgs = false; continue; }
            int indent = text.Length - text.TrimStart().Length;
            if (argsIndent < 0) argsIndent = indent;
            if (indent < argsIndent) { inArgs = false; continue; }
            if (indent > argsIndent) continue; // continuation line
            var m = ArgLine().Match(text);
            if (!m.Success) continue;
            int column = text.IndexOf(m.Groups[1].Value, StringComparison.Ordinal);
            result[m.Groups[1].Value] = (m.Groups[2].Value.Trim().TrimEnd('"', '\''), new Location(file.Path, line + 1, column + 1, line + 1, text.Length + 1));
        }
        return result;
    }

    // ---- JavaScript / TypeScript --------------------------------------------------------------------------------

    private static List<SourceToolDefinition> ExtractJavaScript(SourceFile file, SyntaxNode root)
    {
        var result = new List<SourceToolDefinition>();
        foreach (var call in root.DescendantsAndSelf().Where(n => n.Type == "call_expression"))
        {
            var callee = call.ChildByField("function");
            if (callee?.Type != "member_expression" || callee.ChildByField("property")?.Text is not { } method || !JsKinds.TryGetValue(method, out var kind)) continue;
            var args = call.ChildByField("arguments")?.NamedChildren.Where(a => a.Type != "comment").ToList() ?? [];
            if (args.Count < 2 || JsString(args[0]) is not { } name) continue;
            if (args[^1].Type is not ("arrow_function" or "function_expression" or "function" or "identifier")) continue;

            SyntaxNode? descriptionNode = null;
            SyntaxNode? schema = null;
            if (method.StartsWith("register", StringComparison.Ordinal))
            {
                var config = args.Count > 2 ? args[1] : null;
                if (config?.Type == "object")
                {
                    descriptionNode = Pair(config, "description");
                    schema = Pair(config, "inputSchema") ?? Pair(config, "argsSchema");
                }
            }
            else
            {
                int next = 1;
                if (kind == "resource" && args.Count > 2) next = 2; // resource(name, uriOrTemplate, [metadata], handler)
                if (next < args.Count - 1 && JsString(args[next]) is not null) { descriptionNode = args[next]; next++; }
                if (next < args.Count - 1 && args[next].Type == "object") schema = args[next];
            }
            var parameters = new List<SourceParameterDefinition>();
            if (schema?.Type == "object")
            {
                foreach (var pair in schema.NamedChildren.Where(p => p.Type == "pair"))
                {
                    var key = pair.ChildByField("key");
                    var value = pair.ChildByField("value");
                    if (key is null || value is null) continue;
                    var describe = value.DescendantsAndSelf().FirstOrDefault(n => n.Type == "call_expression"
                        && n.ChildByField("function")?.ChildByField("property")?.Text == "describe")?.ChildByField("arguments")?.NamedChildren.FirstOrDefault();
                    var text = describe is null ? null : JsString(describe);
                    parameters.Add(new SourceParameterDefinition(JsString(key) ?? key.Text, text, At(file, describe is not null && text is not null ? describe : key)));
                }
            }
            result.Add(new SourceToolDefinition
            {
                Kind = kind, Name = name, Location = At(file, call), Description = descriptionNode is null ? null : JsString(descriptionNode),
                DescriptionLocation = descriptionNode is null ? null : At(file, descriptionNode), Parameters = parameters,
            });
        }
        return result;
    }

    private static SyntaxNode? Pair(SyntaxNode obj, string key) =>
        obj.NamedChildren.FirstOrDefault(p => p.Type == "pair" && (JsString(p.ChildByField("key")) ?? p.ChildByField("key")?.Text) == key)?.ChildByField("value");

    private static string? JsString(SyntaxNode? node)
    {
        switch (node?.Type)
        {
            case "string":
                return string.Concat(node.NamedChildren.Where(c => c.Type is "string_fragment" or "escape_sequence").Select(c => c.Type == "escape_sequence" ? Unescape(c.Text) : c.Text));
            case "template_string" when !node.NamedChildren.Any(c => c.Type == "template_substitution"):
                return node.Text.Length >= 2 ? node.Text[1..^1] : "";
            case "binary_expression" when node.ChildByField("operator")?.Text == "+":
                var left = JsString(node.ChildByField("left"));
                var right = JsString(node.ChildByField("right"));
                return left is null || right is null ? null : left + right;
            case "property_identifier":
                return node.Text;
            default:
                return null;
        }
    }

    private static string Unescape(string escape) => escape switch
    {
        "\\n" => "\n", "\\t" => "\t", "\\\"" => "\"", "\\'" => "'", "\\\\" => "\\",
        _ => escape.StartsWith("\\u", StringComparison.Ordinal) && escape.Length == 6 && int.TryParse(escape[2..], System.Globalization.NumberStyles.HexNumber, null, out var cp) ? ((char)cp).ToString() : escape,
    };
}
