using System.Text.RegularExpressions;
using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Semantic.Syntax;
using McpSentinel.Semantic.Taint;
using RoslynNode = Microsoft.CodeAnalysis.SyntaxNode;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Location = McpSentinel.Core.Model.Location;
using SyntaxNode = McpSentinel.Semantic.Syntax.SyntaxNode;

namespace McpSentinel.Semantic.Tools;

public static partial class ToolDefinitionExtractor
{
    private static readonly Dictionary<string, string> GoConstructors = new(StringComparer.Ordinal)
    {
        ["mcp.NewTool"] = "tool", ["mcp.NewPrompt"] = "prompt", ["mcp.NewResource"] = "resource", ["mcp.NewResourceTemplate"] = "resource",
    };
    private static readonly Dictionary<string, string> GoLiterals = new(StringComparer.Ordinal)
    {
        ["mcp.Tool"] = "tool", ["mcp.Prompt"] = "prompt", ["mcp.Resource"] = "resource", ["mcp.ResourceTemplate"] = "resource",
    };

    [GeneratedRegex(@"json:""([^"",]*)")]
    private static partial Regex JsonTag();

    [GeneratedRegex(@"jsonschema:""((?:[^""\\]|\\.)*)""")]
    private static partial Regex JsonSchemaTag();

    // ---- Go -----------------------------------------------------------------------------------------------------

    private static List<SourceToolDefinition> ExtractGo(SourceFile file, SyntaxNode root)
    {
        var result = new List<SourceToolDefinition>();
        foreach (var node in root.DescendantsAndSelf())
        {
            if (node.Type == "call_expression" && GoAnalyzer.GoName(node.ChildByField("function")) is { } callee && GoConstructors.TryGetValue(callee, out var kind))
            {
                // mcp.NewTool("name", mcp.WithDescription("…"), mcp.WithString("p", mcp.Description("…")), …)
                var args = node.ChildByField("arguments")?.NamedChildren.Where(a => a.Type != "comment").ToList() ?? [];
                var strings = args.TakeWhile(a => GoAnalyzer.GoString(a) is not null).ToList();
                if (strings.Count == 0) continue;
                // NewResource(uri, name, …): the name is the second string.
                var nameNode = kind == "resource" && strings.Count > 1 ? strings[1] : strings[0];
                SyntaxNode? descriptionNode = null;
                var parameters = new List<SourceParameterDefinition>();
                foreach (var option in args.Skip(strings.Count).Where(a => a.Type == "call_expression"))
                {
                    var optionName = GoAnalyzer.GoName(option.ChildByField("function")) ?? "";
                    var optionArgs = option.ChildByField("arguments")?.NamedChildren.ToList() ?? [];
                    if (optionName is "mcp.WithDescription" or "mcp.WithTemplateDescription" or "mcp.WithPromptDescription" or "mcp.WithResourceDescription")
                    {
                        descriptionNode = optionArgs.FirstOrDefault();
                    }
                    else if (optionName.StartsWith("mcp.With", StringComparison.Ordinal) && optionArgs.Count > 0 && GoAnalyzer.GoString(optionArgs[0]) is { } parameter
                        && optionName is not ("mcp.WithMIMEType" or "mcp.WithTitleAnnotation"))
                    {
                        var describe = optionArgs.Skip(1).FirstOrDefault(o => o.Type == "call_expression"
                            && GoAnalyzer.GoName(o.ChildByField("function")) is "mcp.Description" or "mcp.ArgumentDescription");
                        var text = describe?.ChildByField("arguments")?.NamedChildren.FirstOrDefault();
                        var description = GoAnalyzer.GoString(text);
                        parameters.Add(new SourceParameterDefinition(parameter, description, At(file, description is not null ? text! : optionArgs[0])));
                    }
                }
                result.Add(new SourceToolDefinition
                {
                    Kind = kind, Name = GoAnalyzer.GoString(nameNode)!, Location = At(file, node),
                    Description = GoAnalyzer.GoString(descriptionNode), DescriptionLocation = descriptionNode is null ? null : At(file, descriptionNode),
                    Parameters = parameters,
                });
            }
            else if (node.Type == "composite_literal" && node.ChildByField("type")?.Text is { } type && GoLiterals.TryGetValue(type, out var literalKind))
            {
                // &mcp.Tool{Name: "name", Description: "…"}; parameters from the typed handler's argument struct tags.
                var nameNode = GoAnalyzer.KeyedValue(node, "Name");
                if (GoAnalyzer.GoString(nameNode) is not { } name) continue;
                var descriptionNode = GoAnalyzer.KeyedValue(node, "Description");
                result.Add(new SourceToolDefinition
                {
                    Kind = literalKind, Name = name, Location = At(file, node),
                    Description = GoAnalyzer.GoString(descriptionNode), DescriptionLocation = GoAnalyzer.GoString(descriptionNode) is null ? null : At(file, descriptionNode!),
                    Parameters = literalKind == "tool" ? GoArgumentStruct(file, root, node) : [],
                });
            }
        }
        return result;
    }

    /// <summary>The fields of the argument struct of the handler registered with this tool literal
    /// (<c>mcp.AddTool(server, &amp;mcp.Tool{…}, handler)</c> where the handler's third parameter is that struct).</summary>
    private static List<SourceParameterDefinition> GoArgumentStruct(SourceFile file, SyntaxNode root, SyntaxNode literal)
    {
        var call = literal.Parent?.Type == "unary_expression" ? literal.Parent.Parent : literal.Parent;
        if (call?.Type != "argument_list" || call.NamedChildren.LastOrDefault() is not { Type: "identifier" } handlerName) return [];
        var handler = root.NamedChildren.FirstOrDefault(n => n.Type == "function_declaration" && n.ChildByField("name")?.Text == handlerName.Text);
        var parameters = handler?.ChildByField("parameters")?.NamedChildren.Where(p => p.Type == "parameter_declaration").ToList() ?? [];
        if (parameters.Count < 3 || parameters[2].ChildByField("type")?.Text is not { } structName) return [];
        var spec = root.DescendantsAndSelf().FirstOrDefault(n => n.Type == "type_spec" && n.ChildByField("name")?.Text == structName.TrimStart('*'));
        var fields = spec?.ChildByField("type")?.Type == "struct_type" ? spec.ChildByField("type")!.DescendantsAndSelf().Where(n => n.Type == "field_declaration") : [];
        var result = new List<SourceParameterDefinition>();
        foreach (var field in fields)
        {
            var fieldName = field.ChildByField("name")?.Text;
            if (fieldName is null) continue;
            var tag = field.ChildByField("tag");
            var tagText = GoAnalyzer.GoString(tag) ?? "";
            var json = JsonTag().Match(tagText);
            if (json.Success && json.Groups[1].Value == "-") continue;
            var schema = JsonSchemaTag().Match(tagText);
            string? description = schema.Success ? schema.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal) : null;
            if (description?.StartsWith("description=", StringComparison.Ordinal) == true) description = description["description=".Length..].Split(",required")[0];
            var name = json.Success && json.Groups[1].Value.Length > 0 ? json.Groups[1].Value : fieldName;
            result.Add(new SourceParameterDefinition(name, description, At(file, description is not null && tag is not null ? tag : field)));
        }
        return result;
    }

    // ---- C# -----------------------------------------------------------------------------------------------------

    private static List<SourceToolDefinition> ExtractCSharp(SourceFile file)
    {
        if (!file.Text.Contains("McpServer", StringComparison.Ordinal)) return [];
        var root = CSharpSyntaxTree.ParseText(file.Text).GetRoot();
        var result = new List<SourceToolDefinition>();
        foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            var attributes = method.AttributeLists.SelectMany(l => l.Attributes).ToList();
            var marker = attributes.FirstOrDefault(a => CSharpAnalyzer.AttributeName(a) is "McpServerTool" or "McpServerPrompt" or "McpServerResource");
            if (marker is null) continue;
            var kind = CSharpAnalyzer.AttributeName(marker).Replace("McpServer", "", StringComparison.Ordinal).ToLowerInvariant();
            var nameArgument = marker.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == "Name")?.Expression;
            var description = DescriptionOf(attributes) ?? (marker.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == "Description")?.Expression);
            var parameters = new List<SourceParameterDefinition>();
            foreach (var parameter in method.ParameterList.Parameters)
            {
                var type = parameter.Type?.ToString() ?? "";
                if (type.Contains("CancellationToken", StringComparison.Ordinal) || type.Contains("McpServer", StringComparison.Ordinal) || type.Contains("RequestContext", StringComparison.Ordinal)
                    || type.Contains("IProgress", StringComparison.Ordinal) || type.Contains("IServiceProvider", StringComparison.Ordinal) || type == "HttpClient"
                    || parameter.AttributeLists.SelectMany(l => l.Attributes).Any(a => CSharpAnalyzer.AttributeName(a) == "FromServices")) continue;
                var parameterDescription = DescriptionOf(parameter.AttributeLists.SelectMany(l => l.Attributes));
                parameters.Add(new SourceParameterDefinition(parameter.Identifier.Text, CSharpAnalyzer.ConstantString(parameterDescription),
                    At(file, parameterDescription ?? (RoslynNode)parameter)));
            }
            result.Add(new SourceToolDefinition
            {
                Kind = kind, Name = CSharpAnalyzer.ConstantString(nameArgument) ?? method.Identifier.Text, Location = At(file, marker),
                Description = CSharpAnalyzer.ConstantString(description), DescriptionLocation = description is null ? null : At(file, description),
                Parameters = parameters,
            });
        }
        return result;
    }

    private static ExpressionSyntax? DescriptionOf(IEnumerable<AttributeSyntax> attributes) =>
        attributes.FirstOrDefault(a => CSharpAnalyzer.AttributeName(a) == "Description")?.ArgumentList?.Arguments.FirstOrDefault()?.Expression;

    private static Location At(SourceFile file, RoslynNode node)
    {
        int start = node.SpanStart, end = node.Span.End;
        int line = file.Lines.LineOf(start), endLine = file.Lines.LineOf(end);
        return new Location(file.Path, line + 1, start - file.Lines.LineStart(line) + 1, endLine + 1, end - file.Lines.LineStart(endLine) + 1);
    }
}
