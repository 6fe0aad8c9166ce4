using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using McpSentinel.Core.Model;
using Location = McpSentinel.Core.Model.Location;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Scanning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpSentinel.Semantic.Taint;

/// <summary>
/// Taint analysis over a Roslyn C# syntax tree (syntax only: no compilation, no semantic model, so no project references
/// are needed and names are matched as written). Sources: parameters of <c>[McpServerTool]</c> / <c>[McpServerPrompt]</c> /
/// <c>[McpServerResource]</c> methods, of ASP.NET Core minimal-API handlers (<c>app.MapGet(…, (…) =&gt; …)</c>) and
/// controller actions, <c>[FromQuery]</c>/<c>[FromBody]</c>/… parameters, and <c>Request.Query/Form/Body/Headers</c>.
/// It shares the value model (<see cref="Value"/>, <see cref="Env"/>) and rules with the tree-sitter analysers.
/// </summary>
internal sealed partial class CSharpAnalyzer
{
    private const int MaxCallDepth = 3;
    private static readonly HashSet<string> McpAttributes = new(StringComparer.Ordinal)
    {
        "McpServerTool", "McpServerPrompt", "McpServerResource",
    };
    private static readonly HashSet<string> HttpVerbs = new(StringComparer.Ordinal)
    {
        "HttpGet", "HttpPost", "HttpPut", "HttpDelete", "HttpPatch", "Route", "AcceptVerbs",
    };
    private static readonly HashSet<string> MapMethods = new(StringComparer.Ordinal)
    {
        "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "Map", "MapMethods", "MapFallback",
    };
    private static readonly HashSet<string> NotInputTypes = new(StringComparer.Ordinal)
    {
        "CancellationToken", "IMcpServer", "McpServer", "IServiceProvider", "HttpClient", "ClaimsPrincipal", "IProgress", "ILogger",
        "RequestContext", "IHttpClientFactory", "IConfiguration", "IWebHostEnvironment", "HttpResponse",
    };
    private static readonly string[] ServiceSuffixes = ["Context", "Service", "Repository", "Client", "Factory", "Logger", "Options", "Provider", "Store", "Server", "Handler", "Cache"];
    private static readonly HashSet<string> Sanitizers = new(StringComparer.Ordinal)
    {
        "int.Parse", "long.Parse", "short.Parse", "uint.Parse", "ulong.Parse", "double.Parse", "decimal.Parse", "float.Parse", "bool.Parse",
        "Int32.Parse", "Int64.Parse", "Guid.Parse", "DateTime.Parse", "DateTimeOffset.Parse", "TimeSpan.Parse", "IPAddress.Parse",
        "Convert.ToInt32", "Convert.ToInt64", "Convert.ToDouble", "Convert.ToBoolean", "Convert.ToDecimal", "Path.GetFileName",
        "Uri.EscapeDataString", "WebUtility.HtmlEncode", "WebUtility.UrlEncode", "HttpUtility.HtmlEncode", "HttpUtility.UrlEncode",
        "HtmlEncoder.Default.Encode", "UrlEncoder.Default.Encode", "JavaScriptEncoder.Default.Encode", "Regex.Escape",
    };
    private static readonly HashSet<string> NumericTypes = new(StringComparer.Ordinal)
    {
        "int", "long", "short", "byte", "uint", "ulong", "ushort", "sbyte", "double", "float", "decimal", "bool", "Guid", "DateTime", "DateTimeOffset", "TimeSpan", "char",
    };
    private static readonly HashSet<string> Shells = new(StringComparer.OrdinalIgnoreCase)
    {
        "sh", "bash", "zsh", "/bin/sh", "/bin/bash", "/usr/bin/bash", "cmd", "cmd.exe", "powershell", "powershell.exe", "pwsh", "pwsh.exe",
    };
    private static readonly HashSet<string> FileMethods = new(StringComparer.Ordinal)
    {
        "ReadAllText", "ReadAllTextAsync", "ReadAllBytes", "ReadAllBytesAsync", "ReadAllLines", "ReadAllLinesAsync", "ReadLines", "ReadLinesAsync",
        "WriteAllText", "WriteAllTextAsync", "WriteAllBytes", "WriteAllBytesAsync", "WriteAllLines", "WriteAllLinesAsync", "AppendAllText",
        "AppendAllTextAsync", "AppendAllLines", "Delete", "Open", "OpenRead", "OpenWrite", "OpenText", "Create", "CreateText", "Copy", "Move",
        "Replace", "AppendText", "SetAttributes", "Encrypt", "Decrypt",
    };
    private static readonly HashSet<string> DirectoryMethods = new(StringComparer.Ordinal)
    {
        "Delete", "CreateDirectory", "GetFiles", "EnumerateFiles", "GetDirectories", "EnumerateDirectories", "EnumerateFileSystemEntries",
        "GetFileSystemEntries", "Move",
    };
    private static readonly HashSet<string> HttpClientMethods = new(StringComparer.Ordinal)
    {
        "GetAsync", "GetStringAsync", "GetByteArrayAsync", "GetStreamAsync", "PostAsync", "PutAsync", "DeleteAsync", "PatchAsync",
        "GetFromJsonAsync", "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync", "DeleteFromJsonAsync",
        "DownloadString", "DownloadStringTaskAsync", "DownloadData", "DownloadDataTaskAsync", "DownloadFile", "OpenRead",
    };
    private static readonly HashSet<string> RawSqlMethods = new(StringComparer.Ordinal)
    {
        "ExecuteSqlRaw", "ExecuteSqlRawAsync", "FromSqlRaw", "SqlQueryRaw",
    };
    private static readonly HashSet<string> SafeSqlMethods = new(StringComparer.Ordinal)
    {
        "FromSqlInterpolated", "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync", "FromSql", "ExecuteSql", "ExecuteSqlAsync", "SqlQuery",
    };
    private static readonly HashSet<string> DapperMethods = new(StringComparer.Ordinal)
    {
        "Query", "QueryAsync", "QueryFirst", "QueryFirstAsync", "QueryFirstOrDefault", "QueryFirstOrDefaultAsync", "QuerySingle", "QuerySingleAsync",
        "QuerySingleOrDefault", "QuerySingleOrDefaultAsync", "QueryMultiple", "QueryMultipleAsync", "Execute", "ExecuteAsync", "ExecuteScalar",
        "ExecuteScalarAsync", "ExecuteReader", "ExecuteReaderAsync",
    };
    private static readonly HashSet<string> SqlCommandTypes = new(StringComparer.Ordinal)
    {
        "SqlCommand", "NpgsqlCommand", "SqliteCommand", "MySqlCommand", "OracleCommand", "SQLiteCommand", "OleDbCommand", "OdbcCommand",
    };
    private static readonly HashSet<string> UnsafeFormatters = new(StringComparer.Ordinal)
    {
        "BinaryFormatter", "SoapFormatter", "NetDataContractSerializer", "LosFormatter", "ObjectStateFormatter",
    };

    private readonly SourceFile _file;
    private readonly CompilationUnitSyntax _root;
    private readonly Dictionary<(int, RuleMetadata), (SyntaxNode Node, string Description, Value Worst)> _sinks = [];
    private readonly Dictionary<(int, string), Value> _summaries = [];
    private readonly HashSet<(int, string)> _inProgress = [];
    private readonly Dictionary<string, BaseMethodDeclarationSyntax> _methods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _regexAnchored = new(StringComparer.Ordinal);
    private readonly bool _unsafeTypeNameHandling;
    private Env _globals = new();
    private int _depth;
    private CancellationToken _cancellation;

    // Per function being analysed.
    private Value _returns = Value.Constant;
    private Dictionary<string, (string Kind, string Source)> _origins = new(StringComparer.Ordinal);
    private Dictionary<string, ExpressionSyntax> _boolChecks = new(StringComparer.Ordinal);
    private Dictionary<string, string> _types = new(StringComparer.Ordinal);
    private Dictionary<string, string?> _startInfoProgram = new(StringComparer.Ordinal);
    private bool _inController;

    public CSharpAnalyzer(SourceFile file, CompilationUnitSyntax root)
    {
        _file = file;
        _root = root;
        _unsafeTypeNameHandling = TypeNameHandlingPattern().IsMatch(file.Text);
    }

    [GeneratedRegex(@"TypeNameHandling\s*=\s*TypeNameHandling\.(All|Auto|Objects|Arrays)")]
    private static partial Regex TypeNameHandlingPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#\s{}]+[/?#]|^/?[A-Za-z0-9_.~-]+/")]
    private static partial Regex FixedOriginPattern();

    /// <summary>Whether a C# file can hold a source this analyser knows (cheap text test before parsing).</summary>
    public static bool MayHaveSources(string text) =>
        text.Contains("McpServer", StringComparison.Ordinal) || text.Contains("HttpRequest", StringComparison.Ordinal)
        || text.Contains("HttpContext", StringComparison.Ordinal) || text.Contains("[From", StringComparison.Ordinal)
        || text.Contains(".Map", StringComparison.Ordinal) || text.Contains("Controller", StringComparison.Ordinal)
        || text.Contains("Request.", StringComparison.Ordinal);

    public void Run(CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        foreach (var method in _root.DescendantNodes().OfType<MethodDeclarationSyntax>()) _methods.TryAdd(method.Identifier.Text, method);
        foreach (var method in _root.DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            // [GeneratedRegex("^…$")] private static partial Regex Name();
            var generated = method.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => AttributeName(a) == "GeneratedRegex");
            if (generated?.ArgumentList?.Arguments.FirstOrDefault()?.Expression is { } pattern) _regexAnchored[method.Identifier.Text] = IsAnchored(ConstantString(pattern));
        }
        var globals = new Env();
        _globals = new Env();
        foreach (var field in _root.DescendantNodes().OfType<FieldDeclarationSyntax>())
        {
            foreach (var variable in field.Declaration.Variables)
            {
                var value = variable.Initializer is { } init ? Eval(init.Value, globals) : Value.Unknown;
                globals.Set(variable.Identifier.Text, value.Kind == ValueKind.Constant || field.Modifiers.Any(m => m.IsKind(SyntaxKind.ConstKeyword) || m.IsKind(SyntaxKind.ReadOnlyKeyword)) ? value : Value.Unknown);
                if (variable.Initializer?.Value is { } v) RecordRegex(variable.Identifier.Text, v);
            }
        }
        foreach (var property in _root.DescendantNodes().OfType<PropertyDeclarationSyntax>().Where(p => p.Initializer is not null))
        {
            globals.Set(property.Identifier.Text, Eval(property.Initializer!.Value, globals).Kind == ValueKind.Constant ? Value.Constant : Value.Unknown);
        }
        _globals = globals;

        foreach (var method in _root.DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            AnalyzeFunction(method, method.ParameterList, (SyntaxNode?)method.Body ?? method.ExpressionBody?.Expression, [], topLevel: true);
        }
        // Top-level statements (Program.cs of a minimal API) run as one function.
        var topLevel = _root.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement).ToList();
        if (topLevel.Count > 0) AnalyzeFunction(_root, null, _root, [], topLevel: true);
        foreach (var local in _root.DescendantNodes().OfType<LocalFunctionStatementSyntax>())
        {
            AnalyzeFunction(local, local.ParameterList, (SyntaxNode?)local.Body ?? local.ExpressionBody?.Expression, [], topLevel: true);
        }
        foreach (var lambda in _root.DescendantNodes().OfType<LambdaExpressionSyntax>().Where(l => MapHandlerName(l) is not null))
        {
            var parameters = lambda switch
            {
                ParenthesizedLambdaExpressionSyntax p => p.ParameterList,
                SimpleLambdaExpressionSyntax s => SyntaxFactory.ParameterList(SyntaxFactory.SingletonSeparatedList(s.Parameter)),
                _ => null,
            };
            if (parameters is not null) AnalyzeFunction(lambda, parameters, lambda.Body, [], topLevel: true);
        }
    }

    // ---- handlers and sources -----------------------------------------------------------------------------------

    internal static string AttributeName(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.Text,
            SimpleNameSyntax s => s.Identifier.Text,
            AliasQualifiedNameSyntax a => a.Name.Identifier.Text,
            _ => attribute.Name.ToString(),
        };
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }

    private static IEnumerable<string> AttributeNames(SyntaxList<AttributeListSyntax> lists) => lists.SelectMany(l => l.Attributes).Select(AttributeName);

    /// <summary>For a lambda passed to <c>app.MapGet("/route", …)</c> and friends: the route, else null.</summary>
    private static string? MapHandlerName(LambdaExpressionSyntax lambda)
    {
        if (lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } args }) return null;
        if (invocation.Expression is not MemberAccessExpressionSyntax member || !MapMethods.Contains(member.Name.Identifier.Text)) return null;
        if (args.Arguments.Count < 2 || args.Arguments[^1].Expression != lambda) return null;
        return ConstantString(args.Arguments[0].Expression) ?? member.Name.Identifier.Text;
    }

    /// <summary>What kind of entry point a method is, with its name for traces, or null for an ordinary method.</summary>
    private static (string Kind, string Name, bool Mcp)? HandlerOf(SyntaxNode function)
    {
        if (function is LambdaExpressionSyntax lambda) return MapHandlerName(lambda) is { } route ? ("HTTP route", route, false) : null;
        if (function is not MethodDeclarationSyntax method) return null;
        foreach (var attribute in method.AttributeLists.SelectMany(l => l.Attributes))
        {
            var name = AttributeName(attribute);
            if (McpAttributes.Contains(name))
            {
                var kind = name.Replace("McpServer", "", StringComparison.Ordinal).ToLowerInvariant();
                var toolName = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == "Name") is { } n ? ConstantString(n.Expression) : null;
                return (kind, toolName ?? method.Identifier.Text, true);
            }
        }
        if (AttributeNames(method.AttributeLists).Any(HttpVerbs.Contains) && IsController(method)) return ("HTTP action", method.Identifier.Text, false);
        return null;
    }

    private static bool IsController(SyntaxNode node)
    {
        var type = node.Ancestors().OfType<ClassDeclarationSyntax>().FirstOrDefault();
        if (type is null) return false;
        return type.Identifier.Text.EndsWith("Controller", StringComparison.Ordinal) || AttributeNames(type.AttributeLists).Contains("ApiController")
            || type.BaseList?.Types.Any(t => t.Type.ToString() is "ControllerBase" or "Controller") == true;
    }

    private static string TypeText(TypeSyntax? type)
    {
        var text = type?.ToString() ?? "";
        int generic = text.IndexOf('<');
        if (generic > 0) text = text[..generic];
        text = text.TrimEnd('?', ']', '[');
        int dot = text.LastIndexOf('.');
        return dot >= 0 ? text[(dot + 1)..] : text;
    }

    /// <summary>Whether a handler parameter carries caller input (not an injected service or a cancellation token).</summary>
    private static bool IsInputParameter(ParameterSyntax parameter, bool mcp)
    {
        var attributes = AttributeNames(parameter.AttributeLists).ToList();
        if (attributes.Contains("FromServices") || attributes.Contains("FromKeyedServices")) return false;
        if (attributes.Any(a => a.StartsWith("From", StringComparison.Ordinal))) return true;
        var type = TypeText(parameter.Type);
        if (type is "HttpRequest" or "HttpContext" or "IFormFile" or "IFormCollection") return true;
        if (NotInputTypes.Contains(type)) return false;
        if (type.Length > 1 && type[0] == 'I' && char.IsUpper(type[1])) return false; // an interface: a service
        if (ServiceSuffixes.Any(s => type.EndsWith(s, StringComparison.Ordinal))) return false;
        return true;
    }

    // ---- functions ----------------------------------------------------------------------------------------------

    private Value AnalyzeFunction(SyntaxNode function, ParameterListSyntax? parameters, SyntaxNode? body, IReadOnlyList<Value?> arguments, bool topLevel)
    {
        var env = new Env();
        var handler = topLevel ? HandlerOf(function) : null;
        int i = 0;
        foreach (var parameter in parameters?.Parameters ?? [])
        {
            var name = parameter.Identifier.Text;
            Value value;
            if (handler is { } h && IsInputParameter(parameter, h.Mcp) && NumericTypes.Contains(TypeText(parameter.Type)))
                value = Value.Sanitized; // an int, bool, Guid or date: the binder already parsed it, it cannot carry "../" or "; rm"
            else if (handler is { } h2 && IsInputParameter(parameter, h2.Mcp))
                value = Value.Source(Step(parameter, h2.Mcp ? $"{h2.Kind} argument `{name}` of `{h2.Name}`" : $"HTTP input `{name}` of `{h2.Name}`"));
            else if (topLevel && AttributeNames(parameter.AttributeLists).Any(a => a is "FromQuery" or "FromBody" or "FromForm" or "FromRoute" or "FromHeader"))
                value = Value.Source(Step(parameter, $"HTTP input `{name}`"));
            else
                value = i < arguments.Count && arguments[i] is { } arg ? arg : Value.Unknown;
            env.Set(name, value);
            if (parameter.Type is { } t) _types[name] = TypeText(t);
            i++;
        }
        var saved = (_returns, _origins, _boolChecks, _types, _startInfoProgram, _inController);
        _returns = Value.Constant;
        _origins = new(StringComparer.Ordinal);
        _boolChecks = new(StringComparer.Ordinal);
        _types = new(_types, StringComparer.Ordinal);
        _startInfoProgram = new(StringComparer.Ordinal);
        _inController = IsController(function);
        try
        {
            switch (body)
            {
                case BlockSyntax block:
                    ExecStatement(block, env);
                    break;
                case CompilationUnitSyntax unit:
                    foreach (var statement in unit.Members.OfType<GlobalStatementSyntax>())
                    {
                        if (ExecStatement(statement.Statement, env)) break;
                    }
                    break;
                case ExpressionSyntax expression:
                    _returns = Value.Join(_returns, Eval(expression, env));
                    break;
            }
            return _returns;
        }
        finally
        {
            (_returns, _origins, _boolChecks, _types, _startInfoProgram, _inController) = saved;
        }
    }

    private Value CallSameFile(BaseMethodDeclarationSyntax method, string name, SyntaxNode callSite, IReadOnlyList<Value> arguments)
    {
        if (!arguments.Any(a => a.IsTainted)) return Value.Join(arguments.Append(Value.Unknown));
        var key = (method.SpanStart, string.Join(",", arguments.Select(a => a.Kind.ToString())));
        if (_summaries.TryGetValue(key, out var cached)) return cached;
        if (_depth >= MaxCallDepth || !_inProgress.Add(key)) return Value.Join(arguments);
        _depth++;
        try
        {
            var step = Step(callSite, $"passed to `{name}()`");
            var args = arguments.Select(a => (Value?)a.With(step)).ToList();
            var result = AnalyzeFunction(method, method.ParameterList, (SyntaxNode?)method.Body ?? method.ExpressionBody?.Expression, args, topLevel: false);
            result = result.IsTainted ? result.With(Step(callSite, $"returned by `{name}()`")) : result;
            _summaries[key] = result;
            return result;
        }
        finally
        {
            _depth--;
            _inProgress.Remove(key);
        }
    }

    // ---- statements ---------------------------------------------------------------------------------------------

    /// <summary>Runs one statement; true when it always leaves the enclosing block.</summary>
    private bool ExecStatement(StatementSyntax s, Env env)
    {
        _cancellation.ThrowIfCancellationRequested();
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (s)
        {
            case BlockSyntax block:
                foreach (var statement in block.Statements)
                {
                    if (ExecStatement(statement, env)) return true;
                }
                return false;
            case LocalDeclarationStatementSyntax local:
                Declare(local.Declaration, env);
                return false;
            case ExpressionStatementSyntax expression:
                Eval(expression.Expression, env);
                return expression.Expression is InvocationExpressionSyntax inv && DottedName(inv.Expression) is "Environment.Exit" or "Environment.FailFast";
            case ReturnStatementSyntax ret:
                if (ret.Expression is not null) _returns = Value.Join(_returns, Eval(ret.Expression, env));
                return true;
            case YieldStatementSyntax yield:
                if (yield.Expression is not null) _returns = Value.Join(_returns, Eval(yield.Expression, env));
                return yield.IsKind(SyntaxKind.YieldBreakStatement);
            case ThrowStatementSyntax thr:
                if (thr.Expression is not null) Eval(thr.Expression, env);
                return true;
            case BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax:
                return true;
            case IfStatementSyntax ifs:
                return ExecIf(ifs, env);
            case SwitchStatementSyntax sw:
                return ExecSwitch(sw, env);
            case ForEachStatementSyntax each:
            {
                var iterable = Eval(each.Expression, env);
                var loop = env.Clone();
                loop.Set(each.Identifier.Text, Through(iterable, each, () => $"assigned to `{each.Identifier.Text}`"));
                ExecStatement(each.Statement, loop);
                Env.Merge(env, loop).CopyTo(env);
                return false;
            }
            case ForEachVariableStatementSyntax eachVar:
            {
                var iterable = Eval(eachVar.Expression, env);
                var loop = env.Clone();
                foreach (var id in eachVar.Variable.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>()) loop.Set(id.Identifier.Text, iterable);
                ExecStatement(eachVar.Statement, loop);
                Env.Merge(env, loop).CopyTo(env);
                return false;
            }
            case ForStatementSyntax loopFor:
            {
                var loop = env.Clone();
                if (loopFor.Declaration is not null) Declare(loopFor.Declaration, loop);
                foreach (var init in loopFor.Initializers) Eval(init, loop);
                if (loopFor.Condition is not null) Eval(loopFor.Condition, loop);
                ExecStatement(loopFor.Statement, loop);
                foreach (var inc in loopFor.Incrementors) Eval(inc, loop);
                Env.Merge(env, loop).CopyTo(env);
                return false;
            }
            case WhileStatementSyntax loopWhile:
            {
                var loop = env.Clone();
                Eval(loopWhile.Condition, loop);
                ExecStatement(loopWhile.Statement, loop);
                Env.Merge(env, loop).CopyTo(env);
                return false;
            }
            case DoStatementSyntax loopDo:
            {
                ExecStatement(loopDo.Statement, env);
                Eval(loopDo.Condition, env);
                return false;
            }
            case TryStatementSyntax tryStatement:
            {
                bool bodyLeaves = ExecStatement(tryStatement.Block, env);
                bool catchesLeave = true;
                foreach (var c in tryStatement.Catches) catchesLeave &= ExecStatement(c.Block, env);
                if (tryStatement.Finally is not null && ExecStatement(tryStatement.Finally.Block, env)) return true;
                return bodyLeaves && catchesLeave && tryStatement.Catches.Count > 0;
            }
            case UsingStatementSyntax usingStatement:
                if (usingStatement.Declaration is not null) Declare(usingStatement.Declaration, env);
                if (usingStatement.Expression is not null) Eval(usingStatement.Expression, env);
                return ExecStatement(usingStatement.Statement, env);
            case LockStatementSyntax lockStatement:
                Eval(lockStatement.Expression, env);
                return ExecStatement(lockStatement.Statement, env);
            case CheckedStatementSyntax checkedStatement:
                return ExecStatement(checkedStatement.Block, env);
            case UnsafeStatementSyntax unsafeStatement:
                return ExecStatement(unsafeStatement.Block, env);
            case FixedStatementSyntax fixedStatement:
                Declare(fixedStatement.Declaration, env);
                return ExecStatement(fixedStatement.Statement, env);
            case LabeledStatementSyntax labeled:
                return ExecStatement(labeled.Statement, env);
            default:
                return false; // local functions are analysed on their own; empty statements do nothing
        }
    }

    private void Declare(VariableDeclarationSyntax declaration, Env env)
    {
        foreach (var variable in declaration.Variables)
        {
            var name = variable.Identifier.Text;
            if (declaration.Type is { IsVar: false } type) _types[name] = TypeText(type);
            if (variable.Initializer is null)
            {
                env.Set(name, Value.Constant);
                continue;
            }
            var init = variable.Initializer.Value;
            if (init is BaseObjectCreationExpressionSyntax creation && CreatedType(creation) is { } created) _types[name] = created;
            var value = Eval(init, env);
            env.Set(name, Through(value, variable, () => $"assigned to `{name}`"));
            Record(name, init);
        }
    }

    private static string? CreatedType(BaseObjectCreationExpressionSyntax creation) =>
        creation is ObjectCreationExpressionSyntax o ? TypeText(o.Type) : null;

    /// <summary>Remembers what a local means for later checks: a parsed URI, a relative path, a regular expression, a
    /// process start info's program, or a boolean holding a check.</summary>
    private void Record(string name, ExpressionSyntax init)
    {
        _boolChecks.Remove(name);
        init = Unwrap(init);
        switch (init)
        {
            case ObjectCreationExpressionSyntax o when TypeText(o.Type) == "Uri" && o.ArgumentList?.Arguments.FirstOrDefault()?.Expression is IdentifierNameSyntax source:
                _origins[name] = ("url", source.Identifier.Text);
                break;
            case InvocationExpressionSyntax inv when DottedName(inv.Expression) is "Path.GetRelativePath" && inv.ArgumentList.Arguments.Count == 2
                && inv.ArgumentList.Arguments[1].Expression is IdentifierNameSyntax full:
                _origins[name] = ("relative", full.Identifier.Text);
                break;
            case BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or InvocationExpressionSyntax or IsPatternExpressionSyntax:
                _boolChecks[name] = init;
                break;
        }
        RecordRegex(name, init);
        if (init is BaseObjectCreationExpressionSyntax creation && (CreatedType(creation) ?? _types.GetValueOrDefault(name)) == "ProcessStartInfo")
        {
            var args = creation.ArgumentList?.Arguments ?? [];
            var program = args.Count > 0 ? ConstantString(args[0].Expression) : null;
            var assigned = creation.Initializer?.Expressions.OfType<AssignmentExpressionSyntax>().FirstOrDefault(a => a.Left.ToString() == "FileName");
            if (assigned is not null) program = ConstantString(assigned.Right);
            _startInfoProgram[name] = program;
        }
    }

    private void RecordRegex(string name, ExpressionSyntax init)
    {
        if (init is BaseObjectCreationExpressionSyntax creation && (creation is ImplicitObjectCreationExpressionSyntax || CreatedType(creation) == "Regex")
            && creation.ArgumentList?.Arguments.FirstOrDefault()?.Expression is { } pattern && ConstantString(pattern) is { } text)
            _regexAnchored[name] = IsAnchored(text);
    }

    private static ExpressionSyntax Unwrap(ExpressionSyntax e)
    {
        while (true)
        {
            switch (e)
            {
                case ParenthesizedExpressionSyntax p: e = p.Expression; break;
                case AwaitExpressionSyntax a: e = a.Expression; break;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } n: e = n.Operand; break;
                default: return e;
            }
        }
    }

    private bool ExecIf(IfStatementSyntax s, Env env)
    {
        var guards = Guards(s.Condition, env, true);
        Eval(s.Condition, env);
        foreach (var declared in s.Condition.DescendantNodes().OfType<DeclarationExpressionSyntax>())
        {
            // int.TryParse(x, out var n): n is a number; dict.TryGetValue(k, out var v) on a constant table: v is constant.
            foreach (var id in declared.Designation.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>())
                if (!env.TryGet(id.Identifier.Text, out _)) env.Set(id.Identifier.Text, Value.Sanitized);
        }
        var thenEnv = env.Clone();
        var elseEnv = env.Clone();
        foreach (var (name, positive) in guards) (positive ? thenEnv : elseEnv).Set(name, Value.Sanitized);
        bool thenLeaves = ExecStatement(s.Statement, thenEnv);
        bool elseLeaves = s.Else is not null && ExecStatement(s.Else.Statement, elseEnv);
        if (thenLeaves && elseLeaves) return true;
        if (thenLeaves) elseEnv.CopyTo(env);
        else if (elseLeaves) thenEnv.CopyTo(env);
        else Env.Merge(thenEnv, elseEnv).CopyTo(env);
        return false;
    }

    private bool ExecSwitch(SwitchStatementSyntax s, Env env)
    {
        Eval(s.Expression, env);
        var switched = Unwrap(s.Expression) as IdentifierNameSyntax;
        Env? merged = null;
        bool hasDefault = false;
        foreach (var section in s.Sections)
        {
            var caseEnv = env.Clone();
            if (section.Labels.Any(l => l is DefaultSwitchLabelSyntax)) hasDefault = true;
            else if (switched is not null && section.Labels.All(l => l is CaseSwitchLabelSyntax c && Eval(c.Value, caseEnv).Kind == ValueKind.Constant))
                caseEnv.Set(switched.Identifier.Text, Value.Sanitized);
            bool leaves = false;
            foreach (var statement in section.Statements)
            {
                if (ExecStatement(statement, caseEnv)) { leaves = true; break; }
            }
            if (!leaves) merged = merged is null ? caseEnv : Env.Merge(merged, caseEnv);
        }
        if (!hasDefault) merged = merged is null ? env.Clone() : Env.Merge(merged, env);
        if (merged is null) return true;
        merged.CopyTo(env);
        return false;
    }

    /// <summary>Locals a condition proves safe: allow-list <c>Contains</c>/<c>ContainsKey</c>/<c>TryGetValue</c>, equality with
    /// constants (also <c>x is "a" or "b"</c>), containment of a <c>Path.GetFullPath</c> result (<c>StartsWith(root)</c>,
    /// <c>Path.GetRelativePath</c> not starting with ".."), anchored <c>Regex.IsMatch</c>, and host allow-lists on a <c>Uri</c>.</summary>
    private List<(string Name, bool Positive)> Guards(ExpressionSyntax cond, Env env, bool polarity, int depth = 0)
    {
        var result = new List<(string, bool)>();
        if (depth > 4) return result;
        switch (cond)
        {
            case ParenthesizedExpressionSyntax p:
                return Guards(p.Expression, env, polarity, depth);
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                return Guards(not.Operand, env, !polarity, depth);
            case IdentifierNameSyntax id when _boolChecks.TryGetValue(id.Identifier.Text, out var check):
                return Guards(check, env, polarity, depth + 1);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression):
            {
                // On the branch where the connective is a conjunction (and-true, or-false) each side's guards hold; on the
                // other branch a guard holds only when both sides give it (x == "a" || x == "b").
                bool conjunctive = b.IsKind(SyntaxKind.LogicalAndExpression) == polarity;
                var left = Guards(b.Left, env, polarity, depth);
                var right = Guards(b.Right, env, polarity, depth);
                return left.Concat(right).Where(g => g.Item2 == conjunctive).Concat(left.Where(g => g.Item2 != conjunctive && right.Contains(g))).Distinct().ToList();
            }
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.EqualsExpression) || b.IsKind(SyntaxKind.NotEqualsExpression):
            {
                bool eq = b.IsKind(SyntaxKind.EqualsExpression);
                if (b.Right is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression or (int)SyntaxKind.FalseLiteralExpression } flag)
                    return Guards(b.Left, env, flag.IsKind(SyntaxKind.TrueLiteralExpression) == (eq == polarity), depth);
                // x == "a", and x == root where root is not caller input: x then holds that trusted value.
                if (b.Left is IdentifierNameSyntax left && (ConstantString(b.Right) is not null
                    || (Unwrap(b.Right) is IdentifierNameSyntax or MemberAccessExpressionSyntax && Eval(b.Right, env.Clone()).Kind is ValueKind.Constant or ValueKind.Sanitized or ValueKind.Unknown && !IsNullLiteral(b.Right))))
                    result.Add((left.Identifier.Text, eq == polarity));
                return result;
            }
            case IsPatternExpressionSyntax isPattern when Unwrap(isPattern.Expression) is IdentifierNameSyntax subject && IsConstantPattern(isPattern.Pattern):
                result.Add((subject.Identifier.Text, polarity));
                return result;
            case InvocationExpressionSyntax inv:
            {
                var name = DottedName(inv.Expression) ?? "";
                var args = inv.ArgumentList.Arguments.Select(a => a.Expression).ToList();
                var method = inv.Expression is MemberAccessExpressionSyntax m ? m.Name.Identifier.Text : name;
                var receiver = (inv.Expression as MemberAccessExpressionSyntax)?.Expression;
                if (method is "Contains" or "ContainsKey" or "TryGetValue" or "ContainsValue" && receiver is not null && args.Count >= 1 && IsAllowList(receiver, env))
                {
                    if (Unwrap(args[0]) is IdentifierNameSyntax x) result.Add((x.Identifier.Text, polarity));
                    else if (HostOf(args[0]) is { } parsed) result.AddRange(HostTargets(parsed).Select(n => (n, polarity)));
                }
                else if (name is "string.Equals" or "String.Equals" && args.Count >= 2)
                {
                    if (Unwrap(args[0]) is IdentifierNameSyntax x && ConstantString(args[1]) is not null) result.Add((x.Identifier.Text, polarity));
                    else if (Unwrap(args[1]) is IdentifierNameSyntax y && ConstantString(args[0]) is not null) result.Add((y.Identifier.Text, polarity));
                }
                else if (method == "StartsWith" && receiver is IdentifierNameSyntax subject && args.Count >= 1)
                {
                    var text = subject.Identifier.Text;
                    if (_origins.TryGetValue(text, out var origin) && origin.Kind == "relative" && ConstantString(args[0]) is { } prefix && prefix.StartsWith("..", StringComparison.Ordinal))
                    {
                        if (IsNormalizedPath(origin.Source, env)) result.Add((origin.Source, !polarity));
                    }
                    else if (IsNormalizedPath(text, env) && !Eval(args[0], env.Clone()).IsTainted)
                        result.Add((text, polarity));
                }
                else if (method is "IsMatch" && args.Count >= 1 && Unwrap(args[0]) is IdentifierNameSyntax input)
                {
                    bool anchored = name == "Regex.IsMatch" ? args.Count >= 2 && IsAnchored(ConstantString(args[1]))
                        : receiver is IdentifierNameSyntax r ? _regexAnchored.GetValueOrDefault(r.Identifier.Text)
                        : receiver is InvocationExpressionSyntax { Expression: IdentifierNameSyntax generated } ? _regexAnchored.GetValueOrDefault(generated.Identifier.Text)
                        : receiver is BaseObjectCreationExpressionSyntax created && created.ArgumentList?.Arguments.FirstOrDefault() is { } pattern && IsAnchored(ConstantString(pattern.Expression));
                    if (anchored) result.Add((input.Identifier.Text, polarity));
                }
                else if (name is "int.TryParse" or "long.TryParse" or "Guid.TryParse" or "double.TryParse" && args.Count >= 1 && Unwrap(args[0]) is IdentifierNameSyntax parsedInput)
                {
                    result.Add((parsedInput.Identifier.Text, polarity));
                }
                return result;
            }
            default:
                return result;
        }
    }

    private static bool IsNullLiteral(ExpressionSyntax e) => e is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression };

    private static bool IsConstantPattern(PatternSyntax pattern) => pattern switch
    {
        ConstantPatternSyntax c => c.Expression is LiteralExpressionSyntax,
        BinaryPatternSyntax b when b.IsKind(SyntaxKind.OrPattern) => IsConstantPattern(b.Left) && IsConstantPattern(b.Right),
        ParenthesizedPatternSyntax p => IsConstantPattern(p.Pattern),
        _ => false,
    };

    /// <summary>The parsed-URI local of <c>uri.Host</c> / <c>uri.Authority</c>.</summary>
    private static string? HostOf(ExpressionSyntax node) =>
        Unwrap(node) is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax uri } member && member.Name.Identifier.Text is "Host" or "Authority" or "IdnHost" or "DnsSafeHost"
            ? uri.Identifier.Text : null;

    private IEnumerable<string> HostTargets(string parsed)
    {
        yield return parsed;
        if (_origins.TryGetValue(parsed, out var origin) && origin.Kind == "url") yield return origin.Source;
    }

    private bool IsNormalizedPath(string name, Env env) => env.TryGet(name, out var v) && (v.Normalized || v.Kind != ValueKind.Tainted);

    private bool IsAllowList(ExpressionSyntax node, Env env) => Unwrap(node) switch
    {
        IdentifierNameSyntax id => Lookup(id.Identifier.Text, env).Kind != ValueKind.Tainted,
        MemberAccessExpressionSyntax member => Eval(member, env.Clone()).Kind != ValueKind.Tainted,
        var other => Eval(other, env.Clone()).Kind == ValueKind.Constant,
    };

    private static bool IsAnchored(string? pattern)
    {
        if (pattern is null) return false;
        if (pattern.StartsWith("(?", StringComparison.Ordinal) && pattern.IndexOf(')') is > 0 and var close) pattern = pattern[(close + 1)..];
        return (pattern.StartsWith('^') || pattern.StartsWith(@"\A", StringComparison.Ordinal)) && (pattern.EndsWith('$') || pattern.EndsWith(@"\z", StringComparison.Ordinal));
    }

    // ---- expressions --------------------------------------------------------------------------------------------

    private Value Lookup(string name, Env env)
    {
        if (env.TryGet(name, out var v)) return v;
        if (_globals.TryGet(name, out var g)) return g;
        return Value.Unknown;
    }

    private Value Eval(ExpressionSyntax e, Env env)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case IdentifierNameSyntax id:
                return id.Identifier.Text == "Request" && _inController && !env.TryGet("Request", out _)
                    ? Value.Source(Step(id, "HTTP request `Request`")) : Lookup(id.Identifier.Text, env);
            case LiteralExpressionSyntax or TypeOfExpressionSyntax or SizeOfExpressionSyntax or DefaultExpressionSyntax or PredefinedTypeSyntax:
                return Value.Constant;
            case InterpolatedStringExpressionSyntax interpolated:
                return WithOrigin(Value.Join(interpolated.Contents.OfType<InterpolationSyntax>().Select(i => Eval(i.Expression, env)).Append(Value.Constant)),
                    string.Concat(interpolated.Contents.TakeWhile(c => c is InterpolatedStringTextSyntax).Select(c => c.ToString())));
            case ParenthesizedExpressionSyntax p:
                return Eval(p.Expression, env);
            case AwaitExpressionSyntax a:
                return Eval(a.Expression, env);
            case CheckedExpressionSyntax c:
                return Eval(c.Expression, env);
            case PostfixUnaryExpressionSyntax post:
                return Eval(post.Operand, env);
            case PrefixUnaryExpressionSyntax pre:
            {
                var operand = Eval(pre.Operand, env);
                return pre.IsKind(SyntaxKind.LogicalNotExpression) || pre.IsKind(SyntaxKind.UnaryMinusExpression) ? Value.Constant : operand;
            }
            case BinaryExpressionSyntax b:
            {
                var l = Eval(b.Left, env);
                var r = Eval(b.Right, env);
                if (b.IsKind(SyntaxKind.AddExpression)) return WithOrigin(Value.Join(l, r), LiteralPrefix(b));
                if (b.IsKind(SyntaxKind.CoalesceExpression)) return Value.Join(l, r);
                if (b.IsKind(SyntaxKind.AsExpression)) return l;
                return Value.Constant;
            }
            case AssignmentExpressionSyntax assignment:
                return Assign(assignment, env);
            case MemberAccessExpressionSyntax member:
                return Eval(member.Expression, env);
            case ElementAccessExpressionSyntax element:
                foreach (var arg in element.ArgumentList.Arguments) Eval(arg.Expression, env);
                return Eval(element.Expression, env);
            case ConditionalAccessExpressionSyntax conditional:
                return Value.Join(Eval(conditional.Expression, env), Eval(conditional.WhenNotNull, env) is var w && w.Kind == ValueKind.Unknown ? Value.Constant : w);
            case MemberBindingExpressionSyntax or ElementBindingExpressionSyntax:
                return Value.Unknown;
            case InvocationExpressionSyntax invocation:
                return EvalInvocation(invocation, env);
            case BaseObjectCreationExpressionSyntax creation:
                return EvalCreation(creation, env);
            case ConditionalExpressionSyntax ternary:
                Eval(ternary.Condition, env);
                return Value.Join(Eval(ternary.WhenTrue, env), Eval(ternary.WhenFalse, env));
            case CastExpressionSyntax cast:
            {
                var operand = Eval(cast.Expression, env);
                var type = TypeText(cast.Type);
                if (type == "MarkupString") Sink(cast, TaintRules.Xss, operand, "trusted markup (`(MarkupString)`), which Blazor renders without encoding");
                return NumericTypes.Contains(type) ? (operand.Kind == ValueKind.Constant ? Value.Constant : Value.Sanitized) : operand;
            }
            case InitializerExpressionSyntax initializer:
                return Value.Join(initializer.Expressions.Select(x => Eval(x, env)).Append(Value.Constant));
            case CollectionExpressionSyntax collection:
                return Value.Join(collection.Elements.Select(el => el switch
                {
                    ExpressionElementSyntax x => Eval(x.Expression, env),
                    SpreadElementSyntax spread => Eval(spread.Expression, env),
                    _ => Value.Unknown,
                }).Append(Value.Constant));
            case ArrayCreationExpressionSyntax array:
                return array.Initializer is null ? Value.Constant : Eval(array.Initializer, env);
            case ImplicitArrayCreationExpressionSyntax implicitArray:
                return Eval(implicitArray.Initializer, env);
            case TupleExpressionSyntax tuple:
                return Value.Join(tuple.Arguments.Select(a => Eval(a.Expression, env)).Append(Value.Constant));
            case SwitchExpressionSyntax switchExpression:
                Eval(switchExpression.GoverningExpression, env);
                return Value.Join(switchExpression.Arms.Select(a => a.Expression is ThrowExpressionSyntax ? Value.Constant : Eval(a.Expression, env)).Append(Value.Constant));
            case IsPatternExpressionSyntax isPattern:
                Eval(isPattern.Expression, env);
                return Value.Constant;
            case ThrowExpressionSyntax thr:
                Eval(thr.Expression, env);
                return Value.Constant;
            case AnonymousFunctionExpressionSyntax lambda:
            {
                // A closure sees the enclosing function's locals; its own parameters are unknown.
                var saved = _returns;
                var inner = env.Clone();
                if (lambda is SimpleLambdaExpressionSyntax simple) inner.Set(simple.Parameter.Identifier.Text, Value.Unknown);
                if (lambda is ParenthesizedLambdaExpressionSyntax parenthesized)
                    foreach (var p in parenthesized.ParameterList.Parameters) inner.Set(p.Identifier.Text, Value.Unknown);
                if (lambda.Body is BlockSyntax block) ExecStatement(block, inner);
                else if (lambda.Body is ExpressionSyntax body) Eval(body, inner);
                _returns = saved;
                return Value.Unknown;
            }
            case AnonymousObjectCreationExpressionSyntax anonymous:
                return Value.Join(anonymous.Initializers.Select(i => Eval(i.Expression, env)).Append(Value.Constant));
            case DeclarationExpressionSyntax or RefExpressionSyntax or TypeSyntax:
                return Value.Unknown;
            default:
                return Value.Join(e.ChildNodes().OfType<ExpressionSyntax>().Select(c => Eval(c, env)).Append(Value.Unknown));
        }
    }

    private Value Assign(AssignmentExpressionSyntax a, Env env)
    {
        var right = Eval(a.Right, env);
        var value = a.IsKind(SyntaxKind.SimpleAssignmentExpression) ? right : Value.Join(Eval(a.Left, env), right);
        var target = Unwrap(a.Left);
        if (target is IdentifierNameSyntax id)
        {
            env.Set(id.Identifier.Text, Through(value, a, () => $"assigned to `{id.Identifier.Text}`"));
            Record(id.Identifier.Text, a.Right);
            return value;
        }
        if (target is MemberAccessExpressionSyntax member)
        {
            var property = member.Name.Identifier.Text;
            var owner = member.Expression is IdentifierNameSyntax o ? o.Identifier.Text : null;
            // psi.FileName = x / psi.Arguments = $"-c {x}" / cmd.CommandText = sql
            if (property == "FileName" && owner is not null && _startInfoProgram.ContainsKey(owner))
            {
                _startInfoProgram[owner] = ConstantString(a.Right);
                Sink(a, TaintRules.Command, right, "the program run by `ProcessStartInfo.FileName`");
            }
            else if (property == "Arguments" && owner is not null && _startInfoProgram.TryGetValue(owner, out var program) && program is not null && Shells.Contains(program))
            {
                Sink(a, TaintRules.Command, right, $"a shell command (`{program}` arguments)");
            }
            else if (property == "CommandText")
            {
                Sink(a, TaintRules.Sql, right, "SQL text (`CommandText`)");
            }
        }
        var root = target;
        while (root is MemberAccessExpressionSyntax or ElementAccessExpressionSyntax)
            root = root is MemberAccessExpressionSyntax m ? m.Expression : ((ElementAccessExpressionSyntax)root).Expression;
        if (root is IdentifierNameSyntax rootId && value.IsTainted && rootId.Identifier.Text != "this")
            env.Set(rootId.Identifier.Text, Value.Join(Lookup(rootId.Identifier.Text, env), Through(value, a, () => $"stored in `{target}`")));
        return value;
    }

    private Value EvalCreation(BaseObjectCreationExpressionSyntax creation, Env env)
    {
        var args = creation.ArgumentList?.Arguments.Select(a => (Node: a.Expression, Value: Eval(a.Expression, env))).ToList() ?? [];
        var initializerValue = creation.Initializer is null ? Value.Constant : Value.Join(creation.Initializer.Expressions.Select(x =>
            x is AssignmentExpressionSyntax assign ? Eval(assign.Right, env) : Eval(x, env)).Append(Value.Constant));
        var type = CreatedType(creation) ?? (creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax decl } } ? TypeText(decl.Type) : "");
        Value Arg(int i) => i < args.Count ? args[i].Value : Value.Constant;

        if (type == "ProcessStartInfo")
        {
            var program = args.Count > 0 ? args[0] : default;
            var arguments = args.Count > 1 ? args[1] : default;
            ExpressionSyntax? programNode = program.Node, argumentsNode = arguments.Node;
            Value programValue = args.Count > 0 ? program.Value : Value.Constant, argumentsValue = args.Count > 1 ? arguments.Value : Value.Constant;
            SyntaxNode programAt = creation, argumentsAt = creation;
            foreach (var assign in creation.Initializer?.Expressions.OfType<AssignmentExpressionSyntax>() ?? [])
            {
                var property = assign.Left.ToString();
                if (property == "FileName") { programNode = assign.Right; programValue = Eval(assign.Right, env); programAt = assign; }
                else if (property == "Arguments") { argumentsNode = assign.Right; argumentsValue = Eval(assign.Right, env); argumentsAt = assign; }
            }
            var shell = programNode is null ? null : ConstantString(programNode);
            StartProcess(shell is not null && Shells.Contains(shell) ? argumentsAt : programAt, "new ProcessStartInfo", programNode, programValue, argumentsNode, argumentsValue);
        }
        else if (SqlCommandTypes.Contains(type) && args.Count > 0)
        {
            Sink(creation, TaintRules.Sql, Arg(0), $"SQL text (`new {type}`)");
        }
        else if (type == "HttpRequestMessage" && args.Count > 1)
        {
            Sink(creation, TaintRules.Ssrf, UrlValue(Arg(1)), "an outgoing request URL (`new HttpRequestMessage`)");
        }
        else if (type is "HtmlString" or "MarkupString" && args.Count == 1)
        {
            Sink(creation, TaintRules.Xss, Arg(0), $"trusted HTML (`new {type}`), which Razor renders without encoding");
        }
        else if (type is "FileStream" && args.Count > 0)
        {
            Sink(creation, TaintRules.Path, Arg(0), "a file path (`new FileStream`)");
        }
        var result = Value.Join(args.Select(a => a.Value).Append(initializerValue));
        return result.Kind == ValueKind.Constant && args.Count + (creation.Initializer?.Expressions.Count ?? 0) == 0 ? Value.Constant : result;
    }

    /// <summary>A process start: the program is command injection; the argument string is only when the program is a shell
    /// (<c>bash -c …</c>, <c>cmd /c …</c>). A plain argument string is split into argv by .NET, not by a shell.</summary>
    private void StartProcess(SyntaxNode at, string api, ExpressionSyntax? programNode, Value program, ExpressionSyntax? argumentsNode, Value arguments)
    {
        var programText = programNode is null ? null : ConstantString(programNode);
        if (programText is not null && Shells.Contains(programText) && argumentsNode is not null)
            Sink(at, TaintRules.Command, arguments, $"a shell command (`{api}(\"{programText}\", …)`)");
        else if (programNode is not null)
            Sink(at, TaintRules.Command, program, $"the program run by `{api}`");
    }

    private Value EvalInvocation(InvocationExpressionSyntax invocation, Env env)
    {
        var name = DottedName(invocation.Expression) ?? "";
        var member = invocation.Expression as MemberAccessExpressionSyntax;
        var method = member?.Name.Identifier.Text ?? (invocation.Expression as SimpleNameSyntax)?.Identifier.Text ?? "";
        if (name == "nameof") return Value.Constant;
        var args = invocation.ArgumentList.Arguments.Select(a => (Node: a.Expression, Value: a.Expression is DeclarationExpressionSyntax ? Value.Constant : Eval(a.Expression, env))).ToList();
        var receiver = member is not null ? Eval(member.Expression, env) : Value.Constant;
        if (member?.Expression is IdentifierNameSyntax { Identifier.Text: var rootName } && char.IsUpper(rootName[0]) && !env.TryGet(rootName, out _) && !_globals.TryGet(rootName, out _)
            && rootName != "Request")
            receiver = Value.Constant; // a static call on a type (File.ReadAllText, Path.Combine)

        CheckSinks(invocation, name, method, member?.Expression, receiver, args, env);

        var argValues = args.Select(a => a.Value).ToList();
        // out parameters: int.TryParse(x, out var n) gives a number; other calls pass their input on.
        foreach (var outArg in invocation.ArgumentList.Arguments.Where(a => a.RefKindKeyword.IsKind(SyntaxKind.OutKeyword)))
        {
            var outName = outArg.Expression switch
            {
                DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax d } => d.Identifier.Text,
                IdentifierNameSyntax i => i.Identifier.Text,
                _ => null,
            };
            if (outName is null) continue;
            bool numeric = name.EndsWith(".TryParse", StringComparison.Ordinal);
            var input = Value.Join(argValues.Append(receiver));
            env.Set(outName, numeric || method == "TryGetValue" && IsAllowList(member!.Expression, env) ? Value.Sanitized : input);
        }
        if (method is "Append" or "AppendLine" or "AppendFormat" or "Add" or "AddRange" or "Insert" or "Push" or "Enqueue" && member?.Expression is IdentifierNameSyntax target)
        {
            var added = Value.Join(argValues);
            if (added.IsTainted) env.Set(target.Identifier.Text, Value.Join(receiver, Through(added, invocation, () => $"added to `{target.Identifier.Text}`")));
            return Lookup(target.Identifier.Text, env);
        }
        if (Sanitizers.Contains(name)) return Value.Join(argValues).Kind == ValueKind.Constant ? Value.Constant : Value.Sanitized;
        if (name is "Path.GetFullPath" or "Path.GetRelativePath" || method == "ResolveLinkTarget")
        {
            var joined = Value.Join(argValues);
            return name == "Path.GetRelativePath" ? joined : joined with { Normalized = joined.IsTainted };
        }
        if (invocation.Expression is IdentifierNameSyntax && _methods.TryGetValue(method, out var local))
            return CallSameFile(local, method, invocation, argValues);
        if (member?.Expression is ThisExpressionSyntax && _methods.TryGetValue(method, out var own))
            return CallSameFile(own, method, invocation, argValues);
        // A method of another file named like a check (ValidatePath, EnsureInsideRoot, SafeCombine): unknown, not pass-through.
        if (GoAnalyzer.IsValidatorName(method)) return Value.Unknown;
        var result = Value.Join(argValues.Append(receiver));
        if (result.Kind == ValueKind.Constant && !IsPure(name, method)) return Value.Unknown;
        return result;
    }

    private static bool IsPure(string name, string method) =>
        name.StartsWith("Path.", StringComparison.Ordinal) || name.StartsWith("string.", StringComparison.Ordinal) || name.StartsWith("String.", StringComparison.Ordinal)
        || method is "ToString" or "Trim" or "ToLower" or "ToUpper" or "ToLowerInvariant" or "ToUpperInvariant" or "Replace" or "Substring" or "Split" or "Join" or "Format" or "Concat";

    private void CheckSinks(InvocationExpressionSyntax call, string name, string method, ExpressionSyntax? receiverNode, Value receiver,
        List<(ExpressionSyntax Node, Value Value)> args, Env env)
    {
        Value Arg(int i) => i < args.Count ? args[i].Value : Value.Constant;
        string receiverText = receiverNode?.ToString() ?? "";
        string receiverType = receiverNode is IdentifierNameSyntax r ? _types.GetValueOrDefault(r.Identifier.Text) ?? "" : "";

        if (name == "Process.Start" && args.Count > 0)
        {
            if (args[0].Node is IdentifierNameSyntax psi && (_startInfoProgram.ContainsKey(psi.Identifier.Text) || _types.GetValueOrDefault(psi.Identifier.Text) == "ProcessStartInfo"))
                return; // judged where the start info was built
            StartProcess(call, "Process.Start", args[0].Node, args[0].Value, args.Count > 1 ? args[1].Node : null, Arg(1));
        }
        else if (name is "CSharpScript.EvaluateAsync" or "CSharpScript.RunAsync" or "CSharpScript.Create" && args.Count > 0)
        {
            Sink(call, TaintRules.Code, Arg(0), $"code evaluation (`{name}`)");
        }
        else if ((TypeOf(name) == "File" && FileMethods.Contains(method)) || (TypeOf(name) == "Directory" && DirectoryMethods.Contains(method)))
        {
            var value = method is "Copy" or "Move" or "Replace" ? Value.Join(Arg(0), Arg(1)) : Arg(0);
            if (args.Count > 0) Sink(call, TaintRules.Path, value, $"a file path (`{name}`)");
        }
        else if (name is "PhysicalFile" or "TypedResults.PhysicalFile" or "Results.PhysicalFile" && args.Count > 0)
        {
            Sink(call, TaintRules.Path, Arg(0), $"a file path (`{name}`)");
        }
        else if (receiverNode is not null && HttpClientMethods.Contains(method) && args.Count > 0
            && (receiverType is "HttpClient" or "WebClient" || receiverText.Contains("client", StringComparison.OrdinalIgnoreCase) || receiverText.Contains("http", StringComparison.OrdinalIgnoreCase)))
        {
            Sink(call, TaintRules.Ssrf, UrlValue(Arg(0)), $"an outgoing request URL (`.{method}()`)");
        }
        else if (name == "WebRequest.Create" && args.Count > 0)
        {
            Sink(call, TaintRules.Ssrf, UrlValue(Arg(0)), "an outgoing request URL (`WebRequest.Create`)");
        }
        else if (RawSqlMethods.Contains(method) && args.Count > 0)
        {
            Sink(call, TaintRules.Sql, Arg(0), $"SQL text (`{method}`)");
        }
        else if (SafeSqlMethods.Contains(method) && args.Count > 0 && args[0].Node is InterpolatedStringExpressionSyntax)
        {
            Sink(call, TaintRules.Sql, Arg(0).Kind == ValueKind.Constant ? Value.Constant : Value.Sanitized, $"SQL (`{method}` sends interpolated values as parameters)");
        }
        else if (DapperMethods.Contains(method) && receiverNode is not null && args.Count > 0 && IsConnection(receiverText, receiverType))
        {
            Sink(call, TaintRules.Sql, Arg(0), $"SQL text (`.{method}()`)");
        }
        else if (method is "Deserialize" or "UnsafeDeserialize" && receiverNode is not null && args.Count > 0
            && (UnsafeFormatters.Contains(receiverType) || UnsafeFormatters.Any(f => receiverText.Contains(f, StringComparison.Ordinal))))
        {
            Sink(call, TaintRules.Deserialization, Arg(0), $"unsafe deserialization (`{(receiverType.Length > 0 ? receiverType : receiverText)}.Deserialize`)");
        }
        else if (name is "JsonConvert.DeserializeObject" && args.Count > 0)
        {
            bool unsafeSettings = _unsafeTypeNameHandling && args.Count > 1;
            Sink(call, TaintRules.Deserialization, unsafeSettings ? Arg(0) : Arg(0).Kind == ValueKind.Constant ? Value.Constant : Value.Sanitized,
                unsafeSettings ? "unsafe deserialization (`JsonConvert.DeserializeObject` with TypeNameHandling)" : "deserialization (`JsonConvert.DeserializeObject`)");
        }
        else if (name is "Html.Raw" or "HtmlHelper.Raw" && args.Count == 1)
        {
            Sink(call, TaintRules.Xss, Arg(0), "trusted HTML (`Html.Raw`), which Razor renders without encoding");
        }
    }

    /// <summary>The segment before the method: <c>File</c> for both <c>File.ReadAllText</c> and <c>System.IO.File.ReadAllText</c>.</summary>
    private static string TypeOf(string dotted)
    {
        var parts = dotted.Split('.');
        return parts.Length >= 2 ? parts[^2] : "";
    }

    private static bool IsConnection(string receiverText, string receiverType)
    {
        var r = receiverText.ToLowerInvariant();
        return receiverType.EndsWith("Connection", StringComparison.Ordinal) || r.Contains("conn", StringComparison.Ordinal) || r.EndsWith("db", StringComparison.Ordinal)
            || r.Contains("connection", StringComparison.Ordinal) || r.EndsWith("transaction", StringComparison.Ordinal);
    }

    private static Value UrlValue(Value url) =>
        url.IsTainted && url.OriginFixed ? Value.Sanitized : url.Kind == ValueKind.Constant ? Value.Unknown : url;

    private static Value WithOrigin(Value value, string? constantPrefix) =>
        constantPrefix is not null && value.IsTainted && FixedOriginPattern().IsMatch(constantPrefix) ? value with { OriginFixed = true } : value;

    private static string? LiteralPrefix(ExpressionSyntax e) => e switch
    {
        LiteralExpressionSyntax l when l.IsKind(SyntaxKind.StringLiteralExpression) => l.Token.ValueText,
        InterpolatedStringExpressionSyntax i => string.Concat(i.Contents.TakeWhile(c => c is InterpolatedStringTextSyntax).Select(c => c.ToString())),
        BinaryExpressionSyntax b when b.IsKind(SyntaxKind.AddExpression) => LiteralPrefix(b.Left),
        ParenthesizedExpressionSyntax p => LiteralPrefix(p.Expression),
        _ => null,
    };

    /// <summary>The value of a constant string expression (literals, their concatenation, interpolations without holes).</summary>
    internal static string? ConstantString(ExpressionSyntax? e) => e switch
    {
        LiteralExpressionSyntax l when l.IsKind(SyntaxKind.StringLiteralExpression) || l.IsKind(SyntaxKind.Utf8StringLiteralExpression) => l.Token.ValueText,
        InterpolatedStringExpressionSyntax i when i.Contents.All(c => c is InterpolatedStringTextSyntax) => string.Concat(i.Contents.Select(c => ((InterpolatedStringTextSyntax)c).TextToken.ValueText)),
        BinaryExpressionSyntax b when b.IsKind(SyntaxKind.AddExpression) => ConstantString(b.Left) is { } l && ConstantString(b.Right) is { } r ? l + r : null,
        ParenthesizedExpressionSyntax p => ConstantString(p.Expression),
        _ => null,
    };

    /// <summary>A callee written as identifiers and member accesses (<c>File.ReadAllText</c>, <c>_db.Database.ExecuteSqlRaw</c>).</summary>
    internal static string? DottedName(ExpressionSyntax e) => e switch
    {
        SimpleNameSyntax s => s.Identifier.Text,
        PredefinedTypeSyntax p => p.Keyword.Text,
        ThisExpressionSyntax => "this",
        MemberAccessExpressionSyntax m => DottedName(m.Expression) is { } left ? left + "." + m.Name.Identifier.Text : null,
        _ => null,
    };

    // ---- findings -----------------------------------------------------------------------------------------------

    private void Sink(SyntaxNode node, RuleMetadata rule, Value value, string description)
    {
        var key = (node.SpanStart, rule);
        if (!_sinks.TryGetValue(key, out var site)) site = (node, description, Value.Constant);
        if (value.Kind > site.Worst.Kind || (value.IsTainted && site.Worst.IsTainted && value.Trace.Count < site.Worst.Trace.Count)) site.Worst = value;
        _sinks[key] = site;
    }

    private Value Through(Value value, SyntaxNode at, Func<string> note) => value.IsTainted ? value.With(Step(at, note())) : value;

    private TraceStep Step(SyntaxNode node, string note)
    {
        int line = _file.Lines.LineOf(node.SpanStart);
        return new TraceStep(_file.Path, line + 1, node.SpanStart - _file.Lines.LineStart(line) + 1, Snippet(line), note);
    }

    private string Snippet(int line)
    {
        var text = _file.LineText(line).Trim();
        return text.Length > 160 ? text[..160] + "…" : text;
    }

    public IReadOnlyList<Finding> Findings()
    {
        var findings = new List<Finding>();
        foreach (var ((_, rule), site) in _sinks.Where(s => s.Value.Worst.IsTainted).OrderBy(s => s.Key.Item1))
        {
            var source = site.Worst.Trace[0];
            var trace = site.Worst.Trace.Add(Step(site.Node, $"reaches {site.Description}"));
            int startLine = _file.Lines.LineOf(site.Node.SpanStart);
            int endLine = _file.Lines.LineOf(site.Node.Span.End);
            findings.Add(new Finding
            {
                Fingerprint = "",
                RuleId = rule.Id,
                Title = rule.Title,
                Category = rule.Category,
                Severity = rule.Severity,
                Confidence = rule.Confidence,
                Engine = SemanticEngine.EngineName,
                Message = $"{source.Note} (line {source.Line}) reaches {site.Description} without a sanitiser or guard.",
                Remediation = rule.Remediation,
                Location = new Location(_file.Path, startLine + 1, site.Node.SpanStart - _file.Lines.LineStart(startLine) + 1, endLine + 1,
                    site.Node.Span.End - _file.Lines.LineStart(endLine) + 1),
                Evidence = Snippet(startLine),
                Cwe = rule.Cwe,
                Owasp = rule.Owasp,
                Mitre = rule.Mitre,
                References = [rule.HelpUri],
                Trace = trace,
            });
        }
        return findings;
    }

    public IReadOnlyList<JudgedSink> JudgedSinks() => _sinks
        .Where(s => s.Value.Worst.Kind != ValueKind.Unknown)
        .Select(s => new JudgedSink(_file.Path, _file.Lines.LineOf(s.Value.Node.SpanStart) + 1, s.Key.Item2.Category))
        .Distinct()
        .ToArray();
}
