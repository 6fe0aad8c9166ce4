using System.Runtime.CompilerServices;
using McpSentinel.Core.Scanning;
using McpSentinel.Semantic.Syntax;

namespace McpSentinel.Semantic.Taint;

/// <summary>Taint analysis over a tree-sitter Go tree. Sources: the parameters of mcp-go handlers (<c>s.AddTool(tool, handler)</c>,
/// <c>AddPrompt</c>, <c>AddResource</c>, any function taking <c>mcp.CallToolRequest</c>), of official Go SDK handlers
/// (<c>mcp.AddTool(server, &amp;mcp.Tool{…}, handler)</c>: the request and the typed argument struct) and net/http-style
/// handlers (a <c>*http.Request</c>, <c>*gin.Context</c>, <c>echo.Context</c> parameter).</summary>
internal sealed partial class GoAnalyzer : TaintAnalyzer
{
    private static readonly HashSet<string> FunctionTypes = new(StringComparer.Ordinal) { "function_declaration", "method_declaration", "func_literal" };
    private static readonly HashSet<string> Registrations = new(StringComparer.Ordinal) { "AddTool", "AddPrompt", "AddResource", "AddResourceTemplate" };
    private static readonly HashSet<string> RequestTypes = new(StringComparer.Ordinal)
    {
        "mcp.CallToolRequest", "mcp.GetPromptRequest", "mcp.ReadResourceRequest",
    };
    private static readonly HashSet<string> HttpRequestTypes = new(StringComparer.Ordinal) { "http.Request", "gin.Context", "echo.Context", "fiber.Ctx" };
    private static readonly HashSet<string> Sanitizers = new(StringComparer.Ordinal)
    {
        "strconv.Atoi", "strconv.ParseInt", "strconv.ParseUint", "strconv.ParseFloat", "strconv.ParseBool", "strconv.Quote", "strconv.Itoa",
        "filepath.Base", "path.Base", "url.QueryEscape", "url.PathEscape", "html.EscapeString", "template.HTMLEscapeString",
        "template.JSEscapeString", "shellescape.Quote", "len", "cap", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16",
        "uint32", "uint64", "float32", "float64", "bool", "uuid.Parse", "time.Parse", "time.ParseDuration", "net.ParseIP", "netip.ParseAddr",
    };
    private static readonly HashSet<string> Normalizers = new(StringComparer.Ordinal)
    {
        "filepath.Abs", "filepath.EvalSymlinks", "filepath.Clean", "filepath.Join", "path.Clean", "path.Join",
    };
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal)
    {
        "sh", "bash", "zsh", "dash", "ksh", "/bin/sh", "/bin/bash", "/usr/bin/bash", "/usr/bin/env", "cmd", "cmd.exe", "powershell", "pwsh", "powershell.exe",
    };
    private static readonly HashSet<string> ShellFlags = new(StringComparer.Ordinal) { "-c", "/c", "/C", "-Command", "-command", "-lc", "-ec" };
    private static readonly Dictionary<string, int[]> PathFunctions = new(StringComparer.Ordinal)
    {
        ["os.Open"] = [0], ["os.OpenFile"] = [0], ["os.ReadFile"] = [0], ["os.WriteFile"] = [0], ["os.Remove"] = [0], ["os.RemoveAll"] = [0],
        ["os.Create"] = [0], ["os.Mkdir"] = [0], ["os.MkdirAll"] = [0], ["os.ReadDir"] = [0], ["os.Truncate"] = [0], ["os.Chmod"] = [0],
        ["os.Chown"] = [0], ["os.Rename"] = [0, 1], ["os.Symlink"] = [0, 1], ["os.Link"] = [0, 1], ["ioutil.ReadFile"] = [0],
        ["ioutil.WriteFile"] = [0], ["ioutil.ReadDir"] = [0], ["http.ServeFile"] = [2], ["os.DirFS"] = [0],
    };
    private static readonly HashSet<string> SqlMethods = new(StringComparer.Ordinal)
    {
        "Query", "QueryRow", "Exec", "Prepare", "QueryContext", "QueryRowContext", "ExecContext", "PrepareContext", "Queryx", "QueryRowx",
        "MustExec", "Select", "Get", "Raw",
    };
    private static readonly HashSet<string> Decoders = new(StringComparer.Ordinal)
    {
        "Decode", "Unmarshal", "Bind", "BindJSON", "ShouldBind", "ShouldBindJSON", "ShouldBindQuery", "BindQuery", "ShouldBindUri", "BodyParser", "QueryParser",
    };
    private static readonly HashSet<string> Leaving = new(StringComparer.Ordinal) { "panic", "os.Exit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf" };

    private readonly Dictionary<SyntaxNode, (string Kind, string Name)> _registered = [];
    private List<SyntaxNode> _nodes = [];
    private readonly HashSet<string> _packages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _regexAnchored = new(StringComparer.Ordinal);
    private Dictionary<string, SyntaxNode> _boolChecks = new(StringComparer.Ordinal);
    private HashSet<string> _rootedCleans = new(StringComparer.Ordinal);
    private Value _returns = Value.Constant;
    private CancellationToken _cancellation;

    public GoAnalyzer(SourceFile file, SyntaxNode root) : base(file, root)
    {
    }

    public override void Run(CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        _nodes = Root.DescendantsAndSelf().ToList();
        var functions = _nodes.Where(n => FunctionTypes.Contains(n.Type)).ToList();
        foreach (var fn in functions)
        {
            if (fn.Type != "func_literal" && fn.ChildByField("name")?.Text is { } name) Functions.TryAdd(name, fn);
        }
        foreach (var spec in _nodes.Where(n => n.Type == "import_spec"))
        {
            var alias = spec.ChildByField("name")?.Text;
            var importPath = GoString(spec.ChildByField("path")) ?? "";
            var last = importPath[(importPath.LastIndexOf('/') + 1)..];
            if (last.Length > 1 && last[0] == 'v' && char.IsDigit(last[1]) && importPath.Count(c => c == '/') > 0)
                last = importPath.Split('/')[^2]; // gopkg.in/yaml.v3 style and /v2 suffixes
            _packages.Add(alias is { Length: > 0 } a && a != "_" && a != "." ? a : last.Split('.')[0]);
        }
        FindRegistrations();
        var globals = new Env();
        Globals = new Env();
        foreach (var declaration in Root.NamedChildren.Where(c => c.Type is "var_declaration" or "const_declaration")) ExecStatement(declaration, globals);
        Globals = globals;
        foreach (var fn in functions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AnalyzeFunction(fn, [], new Dictionary<string, Value>());
        }
    }

    // ---- handler discovery --------------------------------------------------------------------------------------

    private void FindRegistrations()
    {
        foreach (var call in _nodes.Where(n => n.Type == "call_expression"))
        {
            if (call.ChildByField("function") is not { Type: "selector_expression" } callee) continue;
            var method = callee.ChildByField("field")?.Text ?? "";
            if (!Registrations.Contains(method)) continue;
            var args = Arguments(call);
            if (args.Count < 2) continue;
            var handler = args[^1];
            if (handler.Type == "call_expression" && (GoName(handler.ChildByField("function")) ?? "").EndsWith("Handler", StringComparison.Ordinal)
                && Arguments(handler) is { Count: > 0 } wrapped)
                handler = wrapped[0]; // mcp.NewTypedToolHandler(fn)
            var definition = args.Count >= 3 ? args[^2] : args[0];
            var kind = method.Contains("Prompt", StringComparison.Ordinal) ? "prompt" : method.Contains("Resource", StringComparison.Ordinal) ? "resource" : "tool";
            SyntaxNode? fn = handler.Type switch
            {
                "func_literal" => handler,
                "identifier" => Functions.GetValueOrDefault(handler.Text),
                "selector_expression" => Functions.GetValueOrDefault(handler.ChildByField("field")!.Text),
                _ => null,
            };
            if (fn is not null) _registered.TryAdd(fn, (kind, DefinitionName(definition, 0) ?? fn.ChildByField("name")?.Text ?? kind));
        }
    }

    /// <summary>The name in a tool definition: <c>mcp.NewTool("name", …)</c>, <c>&amp;mcp.Tool{Name: "name"}</c>, or a variable holding one.</summary>
    private string? DefinitionName(SyntaxNode node, int depth)
    {
        switch (node.Type)
        {
            case "unary_expression":
                return node.ChildByField("operand") is { } operand ? DefinitionName(operand, depth) : null;
            case "composite_literal":
                return KeyedValue(node, "Name") is { } n ? GoString(n) : null;
            case "call_expression":
                return Arguments(node).Select(GoString).FirstOrDefault(s => s is not null);
            case "identifier" when depth < 2:
                var assigned = AssignedExpression(node.Text);
                return assigned is null ? null : DefinitionName(assigned, depth + 1);
            default:
                return null;
        }
    }

    /// <summary>The expression first assigned to a variable of this name in the file (<c>x := …</c>, <c>var x = …</c>).</summary>
    private SyntaxNode? AssignedExpression(string name)
    {
        foreach (var node in _nodes)
        {
            if (node.Type is "short_var_declaration" or "assignment_statement")
            {
                var left = node.ChildByField("left")?.NamedChildren.ToList() ?? [];
                var right = node.ChildByField("right")?.NamedChildren.ToList() ?? [];
                int i = left.FindIndex(l => l.Type == "identifier" && l.Text == name);
                if (i >= 0 && i < right.Count) return right[i];
            }
            else if (node.Type == "var_spec" && node.ChildrenByField("name").Any(n => n.Text == name))
            {
                return node.ChildByField("value")?.NamedChildren.FirstOrDefault();
            }
        }
        return null;
    }

    internal static SyntaxNode? KeyedValue(SyntaxNode compositeLiteral, string key)
    {
        var body = compositeLiteral.ChildByField("body");
        var element = body?.NamedChildren.FirstOrDefault(e => e.Type == "keyed_element" && e.ChildByField("key")?.Text == key);
        var value = element?.ChildByField("value");
        return value?.Type == "literal_element" ? value.NamedChildren.FirstOrDefault() : value;
    }

    private static List<SyntaxNode> Arguments(SyntaxNode call) =>
        call.ChildByField("arguments")?.NamedChildren.Where(a => a.Type != "comment").ToList() ?? [];

    private static string TypeName(SyntaxNode? type)
    {
        var text = type?.Text ?? "";
        return text.TrimStart('*').Trim();
    }

    protected override Value AnalyzeFunction(SyntaxNode function, IReadOnlyList<Value?> arguments, IReadOnlyDictionary<string, Value> keywordArguments)
    {
        var env = new Env();
        var parameters = function.ChildByField("parameters")?.NamedChildren.Where(p => p.Type is "parameter_declaration" or "variadic_parameter_declaration").ToList() ?? [];
        (string Kind, string Name)? handler = null;
        if (arguments.Count == 0)
        {
            if (_registered.TryGetValue(function, out var registered)) handler = registered;
            else if (parameters.Any(p => RequestTypes.Contains(TypeName(p.ChildByField("type")))))
                handler = (TypeName(parameters.First(p => RequestTypes.Contains(TypeName(p.ChildByField("type"))))).Contains("Prompt", StringComparison.Ordinal) ? "prompt"
                    : TypeName(parameters.First(p => RequestTypes.Contains(TypeName(p.ChildByField("type"))))).Contains("Resource", StringComparison.Ordinal) ? "resource" : "tool",
                    function.ChildByField("name")?.Text ?? "handler");
        }
        string functionName = function.ChildByField("name")?.Text ?? handler?.Name ?? "handler";
        int index = 0;
        foreach (var param in parameters)
        {
            var type = TypeName(param.ChildByField("type"));
            foreach (var id in param.ChildrenByField("name"))
            {
                Value value;
                if (handler is { } h && type != "context.Context" && id.Text is not ("ctx" or "_") && !type.EndsWith("Session", StringComparison.Ordinal)
                    && !type.EndsWith("ResponseWriter", StringComparison.Ordinal))
                    value = Value.Source(Step(id, $"{h.Kind} argument `{id.Text}` of `{h.Name}`"));
                else if (arguments.Count == 0 && HttpRequestTypes.Contains(type))
                    value = Value.Source(Step(id, $"HTTP request `{id.Text}` of `{functionName}`"));
                else
                    value = index < arguments.Count && arguments[index] is { } arg ? arg : Value.Unknown;
                env.Set(id.Text, value);
                index++;
            }
        }
        foreach (var receiver in function.ChildByField("receiver")?.NamedChildren ?? [])
        {
            foreach (var id in receiver.ChildrenByField("name")) env.Set(id.Text, Value.Unknown);
        }
        var saved = (_returns, Origins, _boolChecks, _rootedCleans);
        _returns = Value.Constant;
        Origins = new(StringComparer.Ordinal);
        _boolChecks = new(StringComparer.Ordinal);
        _rootedCleans = new(StringComparer.Ordinal);
        if (function.ChildByField("body") is { } body) ExecStatement(body, env);
        var result = _returns;
        (_returns, Origins, _boolChecks, _rootedCleans) = saved;
        return result;
    }

    // ---- statements ---------------------------------------------------------------------------------------------

    private bool ExecList(SyntaxNode list, Env env)
    {
        foreach (var statement in list.NamedChildren)
        {
            if (ExecStatement(statement, env)) return true;
        }
        return false;
    }

    /// <summary>Runs one statement; true when it always leaves the enclosing block (return, panic, continue, break, goto).</summary>
    private bool ExecStatement(SyntaxNode s, Env env)
    {
        _cancellation.ThrowIfCancellationRequested();
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (s.Type)
        {
            case "comment" or "type_declaration" or "import_declaration" or "package_clause" or "empty_statement" or "inc_dec_statement" or "fallthrough_statement":
                return false;
            case "block" or "statement_list" or "source_file":
                return ExecList(s, env);
            case "labeled_statement":
                return s.NamedChildren.LastOrDefault() is { } inner && inner.Type != "label_name" && ExecStatement(inner, env);
            case "expression_statement":
            {
                var expr = s.NamedChildren.FirstOrDefault();
                if (expr is null) return false;
                Eval(expr, env);
                return expr.Type == "call_expression" && Leaving.Contains(GoName(expr.ChildByField("function")) ?? "");
            }
            case "short_var_declaration" or "assignment_statement":
                Assign(s, env);
                return false;
            case "var_declaration" or "const_declaration":
                foreach (var spec in s.DescendantsAndSelf().Where(c => c.Type is "var_spec" or "const_spec"))
                {
                    var names = spec.ChildrenByField("name").ToList();
                    var values = spec.ChildByField("value")?.NamedChildren.ToList() ?? [];
                    AssignPairs(names, values, env, spec);
                }
                return false;
            case "return_statement":
                foreach (var child in s.NamedChildren) _returns = Value.Join(_returns, Eval(child, env));
                return true;
            case "continue_statement" or "break_statement" or "goto_statement":
                return true;
            case "go_statement" or "defer_statement" or "send_statement":
                foreach (var child in s.NamedChildren) Eval(child, env);
                return false;
            case "if_statement":
                return ExecIf(s, env);
            case "expression_switch_statement" or "type_switch_statement" or "select_statement":
                return ExecSwitch(s, env);
            case "for_statement":
            {
                var loop = env.Clone();
                foreach (var child in s.NamedChildren.Where(c => c.Field != "body"))
                {
                    if (child.Type == "range_clause")
                    {
                        var iterable = child.ChildByField("right") is { } right ? Eval(right, loop) : Value.Unknown;
                        foreach (var id in child.ChildByField("left")?.NamedChildren ?? []) Bind(id, iterable, loop, child);
                    }
                    else if (child.Type == "for_clause")
                    {
                        foreach (var part in child.NamedChildren) ExecOrEval(part, loop);
                    }
                    else Eval(child, loop);
                }
                if (s.ChildByField("body") is { } body) ExecStatement(body, loop);
                Env.Merge(env, loop).CopyTo(env);
                return false;
            }
            default:
                foreach (var child in s.NamedChildren) ExecOrEval(child, env);
                return false;
        }
    }

    private void ExecOrEval(SyntaxNode node, Env env)
    {
        if (node.Type.EndsWith("_statement", StringComparison.Ordinal) || node.Type.EndsWith("_declaration", StringComparison.Ordinal) || node.Type is "block" or "statement_list")
            ExecStatement(node, env);
        else Eval(node, env);
    }

    private void Assign(SyntaxNode s, Env env)
    {
        var left = s.ChildByField("left")?.NamedChildren.ToList() ?? [];
        var right = s.ChildByField("right")?.NamedChildren.ToList() ?? [];
        var op = s.ChildByField("operator")?.Text ?? "=";
        if (op is not ("=" or ":="))
        {
            if (left.Count == 1 && right.Count == 1)
            {
                var joined = op == "+=" ? Value.Join(Eval(left[0], env), Eval(right[0], env)) : Value.Join(Eval(left[0], env), Value.Constant);
                if (op != "+=") Eval(right[0], env);
                Bind(left[0], joined, env, s);
            }
            return;
        }
        AssignPairs(left, right, env, s);
    }

    private void AssignPairs(List<SyntaxNode> left, List<SyntaxNode> right, Env env, SyntaxNode at)
    {
        if (right.Count == left.Count)
        {
            var values = right.Select(r => Eval(r, env)).ToList();
            for (int i = 0; i < left.Count; i++)
            {
                Bind(left[i], values[i], env, at);
                if (left[i].Type == "identifier") Record(left[i].Text, right[i]);
            }
            return;
        }
        if (right.Count != 1)
        {
            foreach (var r in right) Eval(r, env);
            return;
        }
        var value = Eval(right[0], env);
        var rhs = right[0];
        for (int i = 0; i < left.Count; i++)
        {
            var target = left[i];
            if (i == 0)
            {
                Bind(target, value, env, at);
                if (target.Type == "identifier") Record(target.Text, rhs);
            }
            else if (rhs.Type is "index_expression" or "type_assertion_expression" || target.Text is "err" or "ok" or "found" or "exists")
            {
                // v, ok := m[k] / x.(T) / f() (…, error): the second value is a flag or an error.
                Bind(target, Value.Constant, env, at);
                if (target.Type == "identifier" && rhs.Type == "index_expression") _boolChecks[target.Text] = rhs;
            }
            else Bind(target, value, env, at);
        }
    }

    /// <summary>Remembers what an assignment means for later checks: a parsed URL, a relative path, an anchored regular
    /// expression, or a boolean holding a check (<c>ok := re.MatchString(x)</c>).</summary>
    private void Record(string name, SyntaxNode rhs)
    {
        _boolChecks.Remove(name);
        if (IsRootedClean(rhs)) _rootedCleans.Add(name);
        else _rootedCleans.Remove(name);
        if (rhs.Type is "binary_expression" or "unary_expression" or "parenthesized_expression") _boolChecks[name] = rhs;
        if (rhs.Type != "call_expression") return;
        var callee = GoName(rhs.ChildByField("function")) ?? "";
        var args = Arguments(rhs);
        if (callee is "url.Parse" or "url.ParseRequestURI" && args.Count == 1 && args[0].Type == "identifier")
            Origins[name] = ("url", args[0].Text);
        else if (callee == "filepath.Rel" && args.Count == 2 && args[1].Type == "identifier")
            Origins[name] = ("relative", args[1].Text);
        else if (callee is "regexp.MustCompile" or "regexp.Compile" && args.Count == 1)
            _regexAnchored[name] = IsAnchored(GoString(args[0]));
        else
            _boolChecks[name] = rhs;
    }

    private bool ExecIf(SyntaxNode s, Env env)
    {
        if (s.ChildByField("initializer") is { } init) ExecStatement(init, env);
        var condition = s.ChildByField("condition");
        var guards = condition is null ? [] : Guards(condition, env, true);
        if (condition is not null) Eval(condition, env);
        var thenEnv = env.Clone();
        var elseEnv = env.Clone();
        foreach (var (name, positive) in guards) (positive ? thenEnv : elseEnv).Set(name, Value.Sanitized);
        bool thenLeaves = s.ChildByField("consequence") is { } consequence && ExecStatement(consequence, thenEnv);
        bool elseLeaves = s.ChildByField("alternative") is { } alternative && ExecStatement(alternative, elseEnv);
        if (thenLeaves && elseLeaves) return true;
        if (thenLeaves) elseEnv.CopyTo(env);
        else if (elseLeaves) thenEnv.CopyTo(env);
        else Env.Merge(thenEnv, elseEnv).CopyTo(env);
        return false;
    }

    /// <summary>A switch: a case listing only constants clears the switched variable inside that case; the code after the
    /// switch sees the merge of the cases that fall out of it (and the unmatched path when there is no default).</summary>
    private bool ExecSwitch(SyntaxNode s, Env env)
    {
        if (s.ChildByField("initializer") is { } init) ExecStatement(init, env);
        var switched = s.ChildByField("value");
        if (switched is not null) Eval(switched, env);
        Env? merged = null;
        bool hasDefault = false;
        foreach (var clause in s.NamedChildren.Where(c => c.Type is "expression_case" or "default_case" or "type_case" or "communication_case"))
        {
            var caseEnv = env.Clone();
            if (clause.Type == "default_case") hasDefault = true;
            var values = clause.Type == "expression_case" ? clause.ChildByField("value")?.NamedChildren.ToList() ?? [] : [];
            if (switched?.Type == "identifier" && values.Count > 0 && values.All(v => Eval(v, caseEnv).Kind == ValueKind.Constant))
                caseEnv.Set(switched.Text, Value.Sanitized);
            bool leaves = false;
            foreach (var statement in clause.NamedChildren.Where(c => c.Type == "statement_list"))
            {
                if (ExecStatement(statement, caseEnv)) { leaves = true; break; }
            }
            if (!leaves) merged = merged is null ? caseEnv : Env.Merge(merged, caseEnv);
        }
        if (!hasDefault || s.Type == "select_statement") merged = merged is null ? env.Clone() : Env.Merge(merged, env);
        if (merged is null) return true;
        merged.CopyTo(env);
        return false;
    }

    /// <summary>Variables a condition proves safe: allow-list lookups (<c>allowed[x]</c>, <c>slices.Contains(list, x)</c>,
    /// <c>_, ok := m[x]; ok</c>), equality with constants, containment of a resolved path (<c>strings.HasPrefix(abs, root)</c>,
    /// <c>filepath.Rel</c> not starting with "..", <c>filepath.IsLocal</c>), anchored regular expressions and host allow-lists.</summary>
    private List<(string Name, bool Positive)> Guards(SyntaxNode cond, Env env, bool polarity, int depth = 0)
    {
        var result = new List<(string, bool)>();
        if (depth > 4) return result;
        switch (cond.Type)
        {
            case "parenthesized_expression":
                return cond.NamedChildren.FirstOrDefault() is { } inner ? Guards(inner, env, polarity, depth) : result;
            case "unary_expression" when cond.ChildByField("operator")?.Text == "!":
                return cond.ChildByField("operand") is { } operand ? Guards(operand, env, !polarity, depth) : result;
            case "identifier" when _boolChecks.TryGetValue(cond.Text, out var check):
                return Guards(check, env, polarity, depth + 1);
            case "binary_expression":
            {
                var op = cond.ChildByField("operator")?.Text;
                var left = cond.ChildByField("left")!;
                var right = cond.ChildByField("right")!;
                if (op is "&&" or "||") return Connective(op == "&&", Guards(left, env, polarity, depth), Guards(right, env, polarity, depth), polarity);
                if (op is "==" or "!=")
                {
                    bool eq = op == "==";
                    if (right.Type is "true" or "false" && left.Type is "identifier" or "call_expression" or "index_expression")
                        return Guards(left, env, (right.Type == "true") == (eq == polarity), depth);
                    if (left.Type == "identifier" && GoString(right) is { } constant)
                    {
                        if (Origins.TryGetValue(left.Text, out var origin) && origin.Kind == "relative" && constant == ".." && IsNormalizedPath(origin.Source, env))
                            result.Add((origin.Source, eq != polarity));
                        else result.Add((left.Text, eq == polarity));
                    }
                    else if (left.Type == "identifier" && right.Type is "identifier" or "selector_expression" && right.Text != "nil" && !Eval(right, env.Clone()).IsTainted)
                    {
                        result.Add((left.Text, eq == polarity)); // target == root: the value is a trusted one
                    }
                }
                return result;
            }
            case "index_expression":
            {
                var list = cond.ChildByField("operand")!;
                var index = cond.ChildByField("index");
                if (index is null || !IsAllowList(list, env)) return result;
                if (index.Type == "identifier") result.Add((index.Text, polarity));
                else if (HostOf(index) is { } parsed) result.AddRange(HostGuardTargets(parsed).Select(n => (n, polarity)));
                return result;
            }
            case "call_expression":
            {
                var name = GoName(cond.ChildByField("function")) ?? "";
                var args = Arguments(cond);
                var method = LastSegment(name);
                if (name is "slices.Contains" or "sort.SearchStrings" && args.Count == 2 && IsAllowList(args[0], env))
                {
                    if (args[1].Type == "identifier") result.Add((args[1].Text, polarity));
                    else if (HostOf(args[1]) is { } parsed) result.AddRange(HostGuardTargets(parsed).Select(n => (n, polarity)));
                }
                else if (name == "strings.HasPrefix" && args.Count == 2 && args[0].Type == "identifier")
                {
                    var subject = args[0].Text;
                    if (Origins.TryGetValue(subject, out var origin) && origin.Kind == "relative" && GoString(args[1]) is { } p && p.StartsWith("..", StringComparison.Ordinal))
                    {
                        if (IsNormalizedPath(origin.Source, env)) result.Add((origin.Source, !polarity)); // rel starting with ".." escapes the root
                    }
                    else if (IsNormalizedPath(subject, env) && !Eval(args[1], env.Clone()).IsTainted)
                        result.Add((subject, polarity));
                }
                else if (name == "filepath.IsLocal" && args.Count == 1 && args[0].Type == "identifier")
                    result.Add((args[0].Text, polarity));
                else if (method is "MatchString" or "Match" && args.Count >= 1 && args[^1].Type == "identifier")
                {
                    var receiver = cond.ChildByField("function")?.ChildByField("operand");
                    bool anchored = name == "regexp.MatchString" ? args.Count == 2 && IsAnchored(GoString(args[0]))
                        : receiver?.Type == "identifier" ? _regexAnchored.GetValueOrDefault(receiver.Text)
                        : receiver?.Type == "call_expression" && GoName(receiver.ChildByField("function")) is "regexp.MustCompile" && Arguments(receiver) is { Count: 1 } ra && IsAnchored(GoString(ra[0]));
                    if (anchored) result.Add((args[^1].Text, polarity));
                }
                return result;
            }
            default:
                return result;
        }
    }

    /// <summary>The parsed-URL variable of <c>u.Host</c> / <c>u.Hostname()</c>.</summary>
    private static string? HostOf(SyntaxNode node)
    {
        if (node.Type == "call_expression" && Arguments(node).Count == 0) node = node.ChildByField("function")!;
        if (node.Type != "selector_expression" || node.ChildByField("operand") is not { Type: "identifier" } operand) return null;
        return node.ChildByField("field")?.Text is "Host" or "Hostname" ? operand.Text : null;
    }

    private static bool IsAnchored(string? pattern)
    {
        if (pattern is null) return false;
        if (pattern.StartsWith("(?", StringComparison.Ordinal) && pattern.IndexOf(')') is > 0 and var close) pattern = pattern[(close + 1)..];
        return (pattern.StartsWith('^') || pattern.StartsWith(@"\A", StringComparison.Ordinal))
            && (pattern.EndsWith('$') || pattern.EndsWith(@"\z", StringComparison.Ordinal));
    }

    private bool IsNormalizedPath(string name, Env env) => env.TryGet(name, out var v) && (v.Normalized || v.Kind != ValueKind.Tainted);

    private bool IsAllowList(SyntaxNode node, Env env) => node.Type switch
    {
        "composite_literal" => Eval(node, env.Clone()).Kind == ValueKind.Constant,
        "identifier" => Lookup(node.Text, env).Kind != ValueKind.Tainted,
        "selector_expression" => Eval(node, env.Clone()).Kind != ValueKind.Tainted,
        _ => false,
    };

    private void Bind(SyntaxNode target, Value value, Env env, SyntaxNode at)
    {
        switch (target.Type)
        {
            case "identifier":
                if (target.Text != "_") env.Set(target.Text, Through(value, at, () => $"assigned to `{target.Text}`"));
                break;
            case "index_expression" or "selector_expression" or "unary_expression" or "parenthesized_expression":
            {
                var root = target;
                while (root.Type is "index_expression" or "selector_expression" or "unary_expression" or "parenthesized_expression")
                    root = root.ChildByField("operand") ?? root.NamedChildren.FirstOrDefault() ?? root;
                if (root.Type == "identifier" && value.IsTainted)
                    env.Set(root.Text, Value.Join(Lookup(root.Text, env), Through(value, at, () => $"stored in `{target.Text}`")));
                break;
            }
        }
    }

    // ---- expressions --------------------------------------------------------------------------------------------

    private Value Lookup(string name, Env env)
    {
        if (env.TryGet(name, out var v)) return v;
        if (Globals.TryGet(name, out var g)) return g;
        if (name is "nil" or "true" or "false" or "iota" || _packages.Contains(name)) return Value.Constant;
        return Value.Unknown;
    }

    private Value Eval(SyntaxNode e, Env env)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e.Type)
        {
            case "identifier":
                return Lookup(e.Text, env);
            case "interpreted_string_literal" or "raw_string_literal" or "int_literal" or "float_literal" or "imaginary_literal" or "rune_literal"
                or "true" or "false" or "nil" or "iota" or "comment" or "field_identifier" or "type_identifier" or "package_identifier":
                return Value.Constant;
            case "func_literal":
                return Value.Unknown;
            case "binary_expression":
            {
                var op = e.ChildByField("operator")?.Text;
                var l = Eval(e.ChildByField("left")!, env);
                var r = Eval(e.ChildByField("right")!, env);
                return op == "+" ? WithOrigin(Value.Join(l, r), LiteralPrefix(e)) : Value.Constant;
            }
            case "unary_expression":
            {
                var op = e.ChildByField("operator")?.Text;
                var operandValue = e.ChildByField("operand") is { } o ? Eval(o, env) : Value.Unknown;
                return op is "&" or "*" or "<-" ? operandValue : Value.Constant;
            }
            case "selector_expression":
                return Eval(e.ChildByField("operand")!, env);
            case "index_expression":
                if (e.ChildByField("index") is { } index) Eval(index, env);
                return Eval(e.ChildByField("operand")!, env);
            case "slice_expression" or "type_assertion_expression" or "type_conversion_expression":
                return e.ChildByField("operand") is { } inner ? Eval(inner, env) : Value.Unknown;
            case "parenthesized_expression":
                return e.NamedChildren.FirstOrDefault() is { } p ? Eval(p, env) : Value.Unknown;
            case "call_expression":
                return EvalCall(e, env);
            case "composite_literal":
                return e.ChildByField("body") is { } body ? Eval(body, env) : Value.Constant;
            case "literal_value":
                return Value.Join(e.NamedChildren.Where(c => c.Type != "comment")
                    .Select(c => c.Type == "keyed_element" ? (c.ChildByField("value") is { } v ? Eval(v, env) : Value.Constant) : Eval(c, env)).Append(Value.Constant));
            case "literal_element":
                return e.NamedChildren.FirstOrDefault() is { } element ? Eval(element, env) : Value.Constant;
            default:
            {
                if (e.Type.EndsWith("_type", StringComparison.Ordinal)) return Value.Constant;
                var children = e.NamedChildren.Where(c => c.Type != "comment").ToList();
                if (children.Count == 0) return Value.Unknown;
                return Value.Join(children.Select(c => Eval(c, env)));
            }
        }
    }

    private Value EvalCall(SyntaxNode call, Env env)
    {
        var callee = call.ChildByField("function");
        var argNodes = Arguments(call);
        if (callee is null) return Value.Unknown;
        var args = argNodes.Select(a => (Node: a, Value: Eval(a, env))).ToList();
        var name = GoName(callee) ?? "";
        var method = LastSegment(name);
        Value receiver = Value.Constant;
        SyntaxNode? receiverNode = null;
        if (callee.Type == "selector_expression")
        {
            receiverNode = callee.ChildByField("operand")!;
            method = callee.ChildByField("field")!.Text;
            receiver = Eval(receiverNode, env);
        }
        else if (callee.Type is not "identifier")
        {
            receiver = Eval(callee, env);
        }

        CheckSinks(call, name, method, receiverNode, args);

        var argValues = args.Select(a => a.Value).ToList();
        if (Decoders.Contains(method))
        {
            // json.NewDecoder(r.Body).Decode(&x), json.Unmarshal(data, &x), c.ShouldBindJSON(&x): the target receives the input.
            var input = Value.Join(args.Where(a => !IsAddressOf(a.Node)).Select(a => a.Value).Append(receiver));
            foreach (var target in args.Where(a => IsAddressOf(a.Node)).Select(a => a.Node.ChildByField("operand")!))
            {
                if (input.IsTainted) Bind(target, Through(input, call, () => $"decoded into `{target.Text}`"), env, call);
            }
            return Value.Constant;
        }
        if (receiverNode?.Type == "identifier" && method is "WriteString" or "Write" or "WriteByte" or "WriteRune" && !_packages.Contains(receiverNode.Text))
        {
            var added = Value.Join(argValues);
            if (added.IsTainted) env.Set(receiverNode.Text, Value.Join(receiver, Through(added, call, () => $"written to `{receiverNode.Text}`")));
            return Value.Constant;
        }
        if (name is "fmt.Fprintf" or "fmt.Fprint" or "fmt.Fprintln" && args.Count > 1)
        {
            var target = IsAddressOf(args[0].Node) ? args[0].Node.ChildByField("operand")! : args[0].Node;
            var written = Value.Join(argValues.Skip(1));
            if (target.Type == "identifier" && written.IsTainted) env.Set(target.Text, Value.Join(Lookup(target.Text, env), Through(written, call, () => $"written to `{target.Text}`")));
            return Value.Constant;
        }
        if (receiverNode is not null && method is "GetInt" or "GetFloat" or "GetBool" or "RequireInt" or "RequireFloat" or "RequireBool" or "GetIntSlice"
            or "GetFloatSlice" or "GetBoolSlice" or "RequireIntSlice" or "RequireFloatSlice" or "RequireBoolSlice")
            return receiver.IsTainted ? Value.Sanitized : Value.Unknown; // mcp-go typed getters return numbers and booleans
        if (Sanitizers.Contains(name)) return Value.Join(argValues).Kind == ValueKind.Constant ? Value.Constant : Value.Sanitized;
        if (name is "filepath.Join" or "path.Join" && args.Count >= 2 && args.Skip(1).Any(a => a.Value.IsTainted)
            && args.Skip(1).All(a => !a.Value.IsTainted || IsRootedClean(a.Node)))
        {
            // filepath.Join(root, filepath.Clean("/" + rel)): a rooted Clean drops every leading "..", so the result stays under root.
            return Value.Join(args.Take(1).Select(a => a.Value).Append(Value.Join(args.Skip(1).Select(a => a.Value)).IsTainted ? Value.Sanitized : Value.Constant));
        }
        if (Normalizers.Contains(name))
        {
            var joined = Value.Join(argValues);
            return joined with { Normalized = joined.IsTainted };
        }
        if (name == "fmt.Sprintf" && args.Count > 0) return WithOrigin(Value.Join(argValues), LiteralPrefix(args[0].Node));
        if (callee.Type == "identifier" && Functions.TryGetValue(name, out var fn) && fn.Type == "function_declaration")
            return CallSameFile(fn, name, call, argValues.Select(v => (Value?)v).ToList(), new Dictionary<string, Value>());
        if (receiverNode is not null && !_packages.Contains(receiverNode.Text) && Functions.TryGetValue(method, out var m) && m.Type == "method_declaration")
            return CallSameFile(m, method, call, argValues.Select(v => (Value?)v).ToList(), new Dictionary<string, Value>());
        // A function of another file (or package) named like a check (ValidatePath, SafeJoin, resolveInRoot): the engine
        // cannot see it, and passing the taint through would report every caller of a real validator.
        if (IsValidatorName(method) && !name.StartsWith("strings.", StringComparison.Ordinal)) return Value.Unknown;
        var result = Value.Join(argValues.Append(receiver));
        if (result.Kind == ValueKind.Constant && !IsPure(name)) return Value.Unknown;
        return result;
    }

    internal static bool IsValidatorName(string method) => ValidatorName().IsMatch(method);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?i:validate|valid|sanitize|sanitise|secure|safe|check|verify|resolve|ensure|restrict|allowed|isallowed|contain|confine|within|clean)")]
    private static partial System.Text.RegularExpressions.Regex ValidatorName();

    /// <summary><c>filepath.Clean("/" + x)</c> (or a variable holding one): an absolute, cleaned path, which has no ".." left.</summary>
    private bool IsRootedClean(SyntaxNode node)
    {
        if (node.Type == "identifier") return _rootedCleans.Contains(node.Text);
        if (node.Type != "call_expression" || GoName(node.ChildByField("function")) is not ("filepath.Clean" or "path.Clean")) return false;
        var args = Arguments(node);
        return args.Count == 1 && LiteralPrefix(args[0]) is { } prefix && prefix.StartsWith('/');
    }

    private static bool IsAddressOf(SyntaxNode node) =>
        node.Type == "unary_expression" && node.ChildByField("operator")?.Text == "&" && node.ChildByField("operand")?.Type is "identifier" or "selector_expression";

    private static bool IsPure(string name) =>
        name is "append" or "string" or "make" or "new" or "min" or "max" or "errors.New" or "fmt.Errorf"
        || name.StartsWith("strings.", StringComparison.Ordinal) || name.StartsWith("fmt.Sprint", StringComparison.Ordinal)
        || name.StartsWith("filepath.", StringComparison.Ordinal) || name.StartsWith("path.", StringComparison.Ordinal);

    /// <summary>A callee built from identifiers and selectors (<c>exec.Command</c>, <c>s.db.Query</c>), else null.</summary>
    internal static string? GoName(SyntaxNode? node)
    {
        switch (node?.Type)
        {
            case "identifier" or "field_identifier" or "package_identifier" or "type_identifier":
                return node.Text;
            case "selector_expression":
                var left = GoName(node.ChildByField("operand"));
                var field = node.ChildByField("field")?.Text;
                return left is null || field is null ? null : left + "." + field;
            default:
                return null;
        }
    }

    /// <summary>The value of a Go string literal, or null when the node is not one.</summary>
    internal static string? GoString(SyntaxNode? node)
    {
        switch (node?.Type)
        {
            case "interpreted_string_literal":
                return string.Concat(node.NamedChildren.Select(c => c.Type == "escape_sequence" ? Unescape(c.Text) : c.Text));
            case "raw_string_literal":
                return node.Text.Length >= 2 ? node.Text[1..^1] : "";
            case "binary_expression" when node.ChildByField("operator")?.Text == "+":
                var l = GoString(node.ChildByField("left"));
                var r = GoString(node.ChildByField("right"));
                return l is null || r is null ? null : l + r;
            default:
                return null;
        }
    }

    private static string Unescape(string escape) => escape switch
    {
        "\\n" => "\n", "\\t" => "\t", "\\\"" => "\"", "\\\\" => "\\",
        _ => escape.StartsWith("\\u", StringComparison.Ordinal) && escape.Length == 6 && int.TryParse(escape[2..], System.Globalization.NumberStyles.HexNumber, null, out var cp) ? ((char)cp).ToString() : escape,
    };

    private static string? LiteralPrefix(SyntaxNode e) => e.Type switch
    {
        "interpreted_string_literal" or "raw_string_literal" => GoString(e),
        "binary_expression" => e.ChildByField("left") is { } left ? LiteralPrefix(left) : null,
        "parenthesized_expression" => e.NamedChildren.FirstOrDefault() is { } inner ? LiteralPrefix(inner) : null,
        _ => null,
    };

    private void CheckSinks(SyntaxNode call, string name, string method, SyntaxNode? receiverNode, List<(SyntaxNode Node, Value Value)> args)
    {
        Value Arg(int i) => i < args.Count ? args[i].Value : Value.Constant;
        string receiverText = receiverNode is null ? "" : GoName(receiverNode) ?? receiverNode.Text;
        string receiverLast = LastSegment(receiverText);

        if (name is "exec.Command" or "exec.CommandContext" && args.Count > 0)
        {
            int program = name == "exec.CommandContext" ? 1 : 0;
            if (program >= args.Count) return;
            var programText = GoString(args[program].Node);
            if (programText is not null && Shells.Contains(programText))
            {
                int flag = args.FindIndex(program + 1, a => GoString(a.Node) is { } f && ShellFlags.Contains(f));
                if (programText == "/usr/bin/env" && program + 1 < args.Count && GoString(args[program + 1].Node) is { } inner && !Shells.Contains(inner))
                {
                    Sink(call, TaintRules.Command, Value.Constant, $"the program run by `{name}`");
                    return;
                }
                // sh -c SCRIPT: the script is shell code; sh SCRIPTFILE: the file is run as a script.
                var script = flag >= 0 ? Value.Join(args.Skip(flag + 1).Select(a => a.Value)) : Arg(program + 1);
                Sink(call, TaintRules.Command, script, $"a shell command (`{name}(\"{programText}\", …)`)");
            }
            else
            {
                // An argv call: only the program is command injection; its arguments cannot start another command.
                Sink(call, TaintRules.Command, Arg(program), $"the program run by `{name}`");
            }
        }
        else if (name == "syscall.Exec" && args.Count > 0)
        {
            Sink(call, TaintRules.Command, Arg(0), "the program run by `syscall.Exec`");
        }
        else if (PathFunctions.TryGetValue(name, out var indexes) && args.Count > indexes.Max())
        {
            Sink(call, TaintRules.Path, Value.Join(indexes.Select(Arg)), $"a file path (`{name}`)");
        }
        else if (name is "http.Get" or "http.Head" or "http.Post" or "http.PostForm" && args.Count > 0)
        {
            Sink(call, TaintRules.Ssrf, UrlValue(Arg(0)), $"an outgoing request URL (`{name}`)");
        }
        else if (name is "http.NewRequest" or "http.NewRequestWithContext" && args.Count >= 2)
        {
            Sink(call, TaintRules.Ssrf, UrlValue(Arg(name == "http.NewRequest" ? 1 : 2)), $"an outgoing request URL (`{name}`)");
        }
        else if (receiverNode is not null && method is "Get" or "Head" or "Post" or "PostForm" && args.Count > 0
            && (receiverLast.EndsWith("lient", StringComparison.Ordinal) || receiverText == "http.DefaultClient"))
        {
            Sink(call, TaintRules.Ssrf, UrlValue(Arg(0)), $"an outgoing request URL (`.{method}()`)");
        }
        else if (receiverNode is not null && SqlMethods.Contains(method) && IsDatabase(receiverLast) && args.Count > 0)
        {
            int query = method.EndsWith("Context", StringComparison.Ordinal) || method is "Select" or "Get" ? 1 : 0;
            if (query < args.Count) Sink(call, TaintRules.Sql, Arg(query), $"SQL text (`.{method}()`)");
        }
        else if (method == "Parse" && receiverNode is not null && (receiverText.Contains("template", StringComparison.OrdinalIgnoreCase) || receiverText.Contains("tmpl", StringComparison.OrdinalIgnoreCase)) && args.Count == 1)
        {
            Sink(call, TaintRules.Code, Arg(0), "template text (`template.Parse`): the caller writes the template, which can call methods of the data it renders");
        }
        else if (name is "template.HTML" or "template.JS" or "template.HTMLAttr" or "template.URL" or "template.CSS" && args.Count == 1)
        {
            Sink(call, TaintRules.Xss, Arg(0), $"trusted HTML (`{name}`), which html/template will not escape");
        }
    }

    private static bool IsDatabase(string receiver)
    {
        var r = receiver.ToLowerInvariant();
        return r is "db" or "tx" or "conn" or "pool" or "sqldb" or "database" || r.EndsWith("db", StringComparison.Ordinal) || r.Contains("sql", StringComparison.Ordinal)
            || r.EndsWith("conn", StringComparison.Ordinal) || r.EndsWith("tx", StringComparison.Ordinal) && r != "ctx" || r.EndsWith("pool", StringComparison.Ordinal);
    }
}
