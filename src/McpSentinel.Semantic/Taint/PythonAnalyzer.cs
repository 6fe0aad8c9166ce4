using McpSentinel.Core.Scanning;
using McpSentinel.Semantic.Syntax;

namespace McpSentinel.Semantic.Taint;

/// <summary>Taint analysis over a tree-sitter Python tree: FastMCP / low-level Server / Flask / FastAPI handlers are sources.</summary>
internal sealed partial class PythonAnalyzer : TaintAnalyzer
{
    private static readonly HashSet<string> HandlerDecorators = new(StringComparer.Ordinal)
    {
        "tool", "prompt", "resource", "call_tool", "get_prompt", "read_resource", "route", "get", "post", "put", "delete", "patch",
    };
    private static readonly HashSet<string> RequestAttributes = new(StringComparer.Ordinal)
    {
        "args", "form", "json", "values", "data", "files", "cookies", "headers", "get_json", "get_data", "query_params", "path_params",
    };
    private static readonly HashSet<string> Sanitizers = new(StringComparer.Ordinal)
    {
        "shlex.quote", "pipes.quote", "quote", "int", "float", "bool", "len", "abs", "round", "ord", "hash", "uuid.UUID",
        "os.path.basename", "secure_filename", "werkzeug.utils.secure_filename", "ipaddress.ip_address",
    };
    private static readonly HashSet<string> Normalizers = new(StringComparer.Ordinal)
    {
        "os.path.realpath", "os.path.abspath", "os.path.normpath", "realpath", "abspath",
    };
    private static readonly HashSet<string> PureCalls = new(StringComparer.Ordinal)
    {
        "format", "join", "strip", "lstrip", "rstrip", "lower", "upper", "replace", "split", "encode", "decode", "str", "repr",
        "os.path.join", "Path", "pathlib.Path", "os.path.expanduser", "os.path.dirname", "resolve", "absolute", "realpath", "abspath", "normpath",
    };
    private static readonly HashSet<string> ShellFunctions = new(StringComparer.Ordinal)
    {
        "os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput", "commands.getoutput", "asyncio.create_subprocess_shell",
    };
    private static readonly HashSet<string> SubprocessFunctions = new(StringComparer.Ordinal)
    {
        "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.Popen",
        "asyncio.create_subprocess_exec", "run", "call", "check_call", "check_output", "Popen",
    };
    private static readonly HashSet<string> FileFunctions = new(StringComparer.Ordinal)
    {
        "open", "io.open", "os.remove", "os.unlink", "os.rmdir", "os.removedirs", "os.listdir", "os.scandir", "os.makedirs", "os.mkdir",
        "os.rename", "os.chmod", "os.walk", "shutil.rmtree", "shutil.copy", "shutil.copyfile", "shutil.copy2", "shutil.move",
        "aiofiles.open", "send_file", "flask.send_file", "FileResponse",
    };
    private static readonly HashSet<string> PathMethods = new(StringComparer.Ordinal)
    {
        "read_text", "read_bytes", "write_text", "write_bytes", "unlink", "rmdir", "mkdir", "iterdir", "touch", "rename", "glob",
    };
    private static readonly HashSet<string> HttpModules = new(StringComparer.Ordinal) { "requests", "httpx", "aiohttp" };
    private static readonly HashSet<string> HttpMethods = new(StringComparer.Ordinal)
    {
        "get", "post", "put", "delete", "head", "patch", "options", "request", "stream",
    };
    private static readonly HashSet<string> DeserializeFunctions = new(StringComparer.Ordinal)
    {
        "pickle.loads", "pickle.load", "cPickle.loads", "dill.loads", "marshal.loads", "yaml.unsafe_load", "jsonpickle.decode", "shelve.open",
    };
    private static readonly HashSet<string> GuardMethods = new(StringComparer.Ordinal) { "isdigit", "isalnum", "isalpha", "isidentifier", "isdecimal", "isnumeric" };

    private Value _returns = Value.Constant;
    private CancellationToken _cancellation;

    public PythonAnalyzer(SourceFile file, SyntaxNode root) : base(file, root)
    {
    }

    public override void Run(CancellationToken cancellationToken)
    {
        var functions = PrepareFunctions(cancellationToken);
        foreach (var fn in functions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AnalyzeFunction(fn, [], new Dictionary<string, Value>());
            if (HandlerOf(fn) is { Kind: "tool" } tool && fn.Parent is { } decorated)
            {
                var decorator = decorated.Children.FirstOrDefault(c => c.Type == "decorator") ?? fn;
                CheckTool(fn, tool.Name, decorator, ReadOnlyAnnotation().IsMatch(string.Concat(decorated.Children.Where(c => c.Type == "decorator").Select(c => c.Text))));
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"readOnlyHint[""']?\s*[:=]\s*True|read_only_hint\s*=\s*True")]
    private static partial System.Text.RegularExpressions.Regex ReadOnlyAnnotation();

    internal override void Prepare(CancellationToken cancellationToken) => PrepareFunctions(cancellationToken);

    /// <summary>Function table, imports, and the module level (globals).</summary>
    private List<SyntaxNode> PrepareFunctions(CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        var functions = Root.DescendantsAndSelf().Where(n => n.Type == "function_definition").ToList();
        foreach (var fn in functions)
        {
            var name = fn.ChildByField("name")?.Text;
            if (name is not null) Functions.TryAdd(name, fn);
        }
        foreach (var import in Root.NamedChildren.Where(n => n.Type == "import_from_statement"))
        {
            var module = import.ChildByField("module_name")?.Text;
            if (module is null) continue;
            foreach (var imported in import.ChildrenByField("name"))
            {
                var original = imported.Type == "aliased_import" ? imported.ChildByField("name")?.Text : imported.Text;
                var local = imported.Type == "aliased_import" ? imported.ChildByField("alias")?.Text : imported.Text;
                if (original is null || local is null || original.Contains('.', StringComparison.Ordinal) || Functions.ContainsKey(local)) continue;
                Imports[local] = (module, original);
            }
        }
        var globals = new Env();
        Globals = new Env();
        ExecBlock(Root, globals);
        Globals = globals;
        return functions;
    }

    /// <summary><c>.utils</c> / <c>..pkg.utils</c> relative to this file's package; <c>utils</c> / <c>pkg.utils</c> next to this
    /// file, then in each parent folder up to the scan root.</summary>
    protected override IEnumerable<string> ModuleCandidates(string module)
    {
        int dots = module.TakeWhile(c => c == '.').Count();
        var rest = module[dots..].Replace('.', '/');
        var folders = new List<string>();
        if (dots > 0)
        {
            var folder = Folder;
            for (int i = 1; i < dots && folder.Length > 0; i++) folder = folder.Contains('/', StringComparison.Ordinal) ? folder[..folder.LastIndexOf('/')] : "";
            folders.Add(folder);
        }
        else
        {
            for (var folder = Folder; ; folder = folder[..folder.LastIndexOf('/')])
            {
                folders.Add(folder);
                if (!folder.Contains('/', StringComparison.Ordinal)) { if (folder.Length > 0) folders.Add(""); break; }
            }
        }
        foreach (var folder in folders)
        {
            var basePath = folder.Length == 0 ? rest : rest.Length == 0 ? folder : folder + "/" + rest;
            if (basePath.Length == 0) continue;
            if (Normalize(basePath + ".py") is { } file) yield return file;
            if (Normalize(basePath + "/__init__.py") is { } init) yield return init;
        }
    }

    /// <summary>The handler kind ("tool", "prompt", "resource", "HTTP route") and name when a decorator registers this function.</summary>
    private static (string Kind, string Name)? HandlerOf(SyntaxNode function)
    {
        if (function.Parent is not { Type: "decorated_definition" } decorated) return null;
        foreach (var decorator in decorated.Children.Where(c => c.Type == "decorator"))
        {
            var expr = decorator.NamedChildren.FirstOrDefault();
            var call = expr?.Type == "call" ? expr : null;
            var callee = call?.ChildByField("function") ?? expr;
            if (callee is null || callee.Type != "attribute") continue;
            var method = callee.ChildByField("attribute")?.Text ?? "";
            if (!HandlerDecorators.Contains(method)) continue;
            var fnName = function.ChildByField("name")?.Text ?? "?";
            var named = call?.ChildByField("arguments")?.NamedChildren.FirstOrDefault(a => a.Type == "string")?.Text.Trim('"', '\'');
            var kind = method switch
            {
                "tool" or "call_tool" => "tool",
                "prompt" or "get_prompt" => "prompt",
                "resource" or "read_resource" => "resource",
                _ => "HTTP route",
            };
            return (kind, kind == "tool" ? named ?? fnName : fnName);
        }
        return null;
    }

    protected override Value AnalyzeFunction(SyntaxNode function, IReadOnlyList<Value?> arguments, IReadOnlyDictionary<string, Value> keywordArguments)
    {
        var env = new Env();
        var handler = arguments.Count == 0 && keywordArguments.Count == 0 ? HandlerOf(function) : null;
        int index = 0;
        foreach (var param in function.ChildByField("parameters")?.NamedChildren ?? [])
        {
            var nameNode = param.Type == "identifier" ? param : param.ChildByField("name") ?? param.NamedChildren.FirstOrDefault(c => c.Type == "identifier");
            if (nameNode is null || nameNode.Type != "identifier") { index++; continue; }
            var name = nameNode.Text;
            var type = param.ChildByField("type")?.Text ?? "";
            Value value;
            if (name is "self" or "cls") { env.Set(name, Value.Unknown); continue; }
            if (handler is { } h && !type.Contains("Context", StringComparison.Ordinal) && name is not ("ctx" or "context"))
            {
                value = Value.Source(Step(nameNode, $"{h.Kind} parameter `{name}` of `{h.Name}`"));
                if (IsTokenName(name)) value = value.WithLabel(FlowLabel.IncomingToken, Step(nameNode, $"incoming token `{name}` of `{h.Name}`"));
            }
            else if (keywordArguments.TryGetValue(name, out var kw)) value = kw;
            else if (index < arguments.Count && arguments[index] is { } arg) value = arg;
            else value = Value.Unknown;
            env.Set(name, value);
            index++;
        }
        var saved = _returns;
        var savedOrigins = Origins;
        var savedHandler = CurrentHandler;
        _returns = Value.Constant;
        Origins = new(StringComparer.Ordinal);
        CurrentHandler = handler;
        if (function.ChildByField("body") is { } body) ExecBlock(body, env);
        var result = _returns;
        _returns = saved;
        Origins = savedOrigins;
        CurrentHandler = savedHandler;
        return result;
    }

    // ---- statements ---------------------------------------------------------------------------------------------

    /// <summary>Runs the statements of a block; true when the block always leaves (return/raise/continue/break).</summary>
    private bool ExecBlock(SyntaxNode block, Env env)
    {
        foreach (var statement in block.NamedChildren)
        {
            if (ExecStatement(statement, env)) return true;
        }
        return false;
    }

    private bool ExecStatement(SyntaxNode s, Env env)
    {
        _cancellation.ThrowIfCancellationRequested();
        switch (s.Type)
        {
            case "function_definition" or "class_definition" or "decorated_definition" or "import_statement" or "import_from_statement" or "comment":
                if (s.Type == "class_definition" && s.ChildByField("body") is { } classBody) ExecBlock(classBody, env);
                return false;
            case "expression_statement":
                foreach (var child in s.NamedChildren) Eval(child, env);
                return IsExitCall(s);
            case "return_statement":
                foreach (var child in s.NamedChildren)
                {
                    var returned = Eval(child, env);
                    _returns = Value.Join(_returns, returned);
                    ResultSink(s, returned);
                }
                return true;
            case "raise_statement":
                foreach (var child in s.NamedChildren) Eval(child, env);
                return true;
            case "continue_statement" or "break_statement":
                return true;
            case "if_statement":
                return ExecIf(s.ChildByField("condition"), s.ChildByField("consequence"), s.ChildrenByField("alternative").ToList(), 0, env);
            case "assert_statement":
                var assertion = s.NamedChildren.FirstOrDefault();
                if (assertion is not null)
                {
                    Eval(assertion, env);
                    foreach (var (name, positive) in Guards(assertion, env, true)) if (positive) env.Set(name, Value.Sanitized);
                }
                return false;
            case "for_statement":
            {
                var iterable = Eval(s.ChildByField("right")!, env);
                var loop = env.Clone();
                if (s.ChildByField("left") is { } left) Bind(left, iterable, loop, s);
                if (s.ChildByField("body") is { } body) ExecBlock(body, loop);
                Env.Merge(env, loop).CopyTo(env);
                return false;
            }
            case "while_statement":
            {
                if (s.ChildByField("condition") is { } cond) Eval(cond, env);
                var loop = env.Clone();
                if (s.ChildByField("body") is { } body) ExecBlock(body, loop);
                Env.Merge(env, loop).CopyTo(env);
                return false;
            }
            case "with_statement":
                foreach (var item in s.DescendantsAndSelf().Where(n => n.Type == "with_item"))
                {
                    var value = item.ChildByField("value");
                    if (value is null) continue;
                    if (value.Type == "as_pattern")
                    {
                        var v = Eval(value.NamedChildren.First(), env);
                        var target = value.ChildByField("alias")?.NamedChildren.FirstOrDefault() ?? value.ChildByField("alias");
                        if (target is not null) Bind(target, v, env, item);
                    }
                    else Eval(value, env);
                }
                return s.ChildByField("body") is { } withBody && ExecBlock(withBody, env);
            case "try_statement":
            {
                bool bodyLeaves = s.ChildByField("body") is { } tryBody && ExecBlock(tryBody, env);
                bool allLeave = bodyLeaves;
                foreach (var clause in s.NamedChildren.Where(c => c.Type is "except_clause" or "else_clause" or "finally_clause" or "except_group_clause"))
                {
                    var block = clause.NamedChildren.LastOrDefault(c => c.Type == "block");
                    if (block is null) continue;
                    bool leaves = ExecBlock(block, env);
                    if (clause.Type == "except_clause") allLeave &= leaves;
                    if (clause.Type == "finally_clause" && leaves) return true;
                }
                return allLeave && bodyLeaves;
            }
            case "block" or "module":
                return ExecBlock(s, env);
            default:
                foreach (var child in s.NamedChildren) Eval(child, env);
                return false;
        }
    }

    private static bool IsExitCall(SyntaxNode statement)
    {
        var call = statement.NamedChildren.FirstOrDefault();
        if (call?.Type != "call") return false;
        var name = DottedName(call.ChildByField("function")!);
        return name is "sys.exit" or "exit" or "abort" or "flask.abort" or "os._exit";
    }

    /// <summary>An if/elif/else chain: guards in the condition clean the guarded variable on the branch they dominate.</summary>
    private bool ExecIf(SyntaxNode? condition, SyntaxNode? consequence, List<SyntaxNode> alternatives, int next, Env env)
    {
        var guards = condition is null ? [] : Guards(condition, env, true);
        if (condition is not null) Eval(condition, env);
        var thenEnv = env.Clone();
        var elseEnv = env.Clone();
        foreach (var (name, positive) in guards) (positive ? thenEnv : elseEnv).Set(name, Value.Sanitized);

        bool thenLeaves = consequence is not null && ExecBlock(consequence, thenEnv);
        bool elseLeaves = false;
        if (next < alternatives.Count)
        {
            var alt = alternatives[next];
            elseLeaves = alt.Type == "elif_clause"
                ? ExecIf(alt.ChildByField("condition"), alt.ChildByField("consequence"), alternatives, next + 1, elseEnv)
                : alt.ChildByField("body") is { } elseBody && ExecBlock(elseBody, elseEnv);
        }
        if (thenLeaves && elseLeaves) return true;
        if (thenLeaves) elseEnv.CopyTo(env);
        else if (elseLeaves) thenEnv.CopyTo(env);
        else Env.Merge(thenEnv, elseEnv).CopyTo(env);
        return false;
    }

    /// <summary>Variables a condition proves safe: (name, true) when safe if the condition holds, (name, false) when safe if it fails.
    /// Recognised: allow-list membership, equality with a constant, containment of a resolved path (startswith / is_relative_to /
    /// commonpath), full-match regex validation, str.isdigit()-style checks; combined through not / and / or.</summary>
    private List<(string Name, bool Positive)> Guards(SyntaxNode cond, Env env, bool polarity)
    {
        var result = new List<(string, bool)>();
        switch (cond.Type)
        {
            case "parenthesized_expression":
                return cond.NamedChildren.FirstOrDefault() is { } inner ? Guards(inner, env, polarity) : result;
            case "not_operator":
                return cond.ChildByField("argument") is { } arg ? Guards(arg, env, !polarity) : result;
            case "boolean_operator":
            {
                var op = cond.ChildByField("operator")?.Text;
                return Connective(op == "and", Guards(cond.ChildByField("left")!, env, polarity), Guards(cond.ChildByField("right")!, env, polarity), polarity);
            }
            case "comparison_operator":
            {
                var operands = cond.NamedChildren.ToList();
                var ops = cond.Children.Where(c => !c.IsNamed).Select(c => c.Text).ToList();
                if (operands.Count != 2 || ops.Count == 0) return result;
                var op = string.Join(" ", ops);
                var (a, b) = (operands[0], operands[1]);
                if (op is "in" or "not in" && a.Type == "identifier" && IsAllowList(b, env))
                    result.Add((a.Text, (op == "in") == polarity));
                else if (op is "in" or "not in" && a.Type == "attribute" && HostAttributes.Contains(a.ChildByField("attribute")!.Text)
                    && a.ChildByField("object") is { Type: "identifier" } parsed && IsAllowList(b, env))
                    result.AddRange(HostGuardTargets(parsed.Text).Select(n => (n, (op == "in") == polarity)));
                else if (op is "==" or "!=" && a.Type == "identifier" && Eval(b, env.Clone()).Kind == ValueKind.Constant && b.Type != "identifier")
                    result.Add((a.Text, (op == "==") == polarity));
                else if (op is "==" or "!=" && a.Type == "call" && DottedName(a.ChildByField("function")!) is "os.path.commonpath" or "commonpath")
                {
                    foreach (var id in a.DescendantsAndSelf().Where(n => n.Type == "identifier" && IsNormalizedPath(n.Text, env)))
                        result.Add((id.Text, (op == "==") == polarity));
                }
                return result;
            }
            case "call":
            {
                var callee = cond.ChildByField("function");
                var args = cond.ChildByField("arguments")?.NamedChildren.ToList() ?? [];
                if (callee?.Type == "attribute")
                {
                    var method = callee.ChildByField("attribute")!.Text;
                    var receiver = callee.ChildByField("object")!;
                    if ((method == "is_relative_to" || method == "startswith" && args.Count >= 1 && EndsWithSeparator(args[0])) && receiver.Type == "identifier" && IsNormalizedPath(receiver.Text, env))
                        result.Add((receiver.Text, polarity));
                    else if (GuardMethods.Contains(method) && receiver.Type == "identifier")
                        result.Add((receiver.Text, polarity));
                    else if (method is "fullmatch" or "match" && args.Count >= 1)
                    {
                        bool full = method == "fullmatch" || (args.Count >= 2 && args[0].Type == "string" && (args[0].Text.TrimEnd('"', '\'').EndsWith('$') || args[0].Text.Contains("\\Z", StringComparison.Ordinal)));
                        var subject = receiver.Text is "re" or "regex" ? args.ElementAtOrDefault(1) : args[0];
                        if (receiver.Text is not ("re" or "regex") && method == "match") full = false;
                        if (full && subject?.Type == "identifier") result.Add((subject.Text, polarity));
                    }
                }
                return result;
            }
            default:
                return result;
        }
    }

    private bool IsNormalizedPath(string name, Env env) => env.TryGet(name, out var v) && (v.Normalized || v.Kind != ValueKind.Tainted);

    private bool IsAllowList(SyntaxNode node, Env env) => node.Type switch
    {
        "list" or "tuple" or "set" or "dictionary" => Eval(node, env.Clone()).Kind == ValueKind.Constant,
        "identifier" => Lookup(node.Text, env).Kind != ValueKind.Tainted,
        "attribute" => Eval(node, env.Clone()).Kind != ValueKind.Tainted,
        "call" => DottedName(node.ChildByField("function")!) is { } n && n.EndsWith("keys", StringComparison.Ordinal),
        _ => false,
    };

    private void Bind(SyntaxNode target, Value value, Env env, SyntaxNode at)
    {
        switch (target.Type)
        {
            case "identifier":
                env.Set(target.Text, Through(value, at, () => $"assigned to `{target.Text}`"));
                break;
            case "pattern_list" or "tuple_pattern" or "list_pattern" or "tuple" or "list":
                foreach (var child in target.NamedChildren) Bind(child, value, env, at);
                break;
            case "attribute" or "subscript":
            {
                var root = target;
                while (root.Type is "attribute" or "subscript") root = root.ChildByField(root.Type == "attribute" ? "object" : "value")!;
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
        return name is "True" or "False" or "None" ? Value.Constant : Value.Unknown;
    }

    private Value Eval(SyntaxNode e, Env env)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e.Type)
        {
            case "identifier":
                return Lookup(e.Text, env);
            case "string":
            {
                var parts = e.NamedChildren.Where(c => c.Type == "interpolation").Select(i => i.NamedChildren.FirstOrDefault()).OfType<SyntaxNode>().Select(x => Eval(x, env));
                return WithOrigin(Value.Join(parts.Append(Value.Constant)), LiteralPrefix(e));
            }
            case "binary_operator":
            {
                var joined = Value.Join(Eval(e.ChildByField("left")!, env), Eval(e.ChildByField("right")!, env));
                return e.ChildByField("operator")?.Text is "+" or "%" ? WithOrigin(joined, LiteralPrefix(e)) : joined;
            }
            case "integer" or "float" or "true" or "false" or "none" or "comment" or "ellipsis":
                return Value.Constant;
            case "list" or "tuple":
            {
                var items = e.NamedChildren.Where(c => c.Type != "comment").ToList();
                var joined = Value.Join(items.Select(c => Eval(c, env)).Append(Value.Constant));
                return items.Count > 0 && items[0].Type == "string" && StringText(items[0]) is not null ? joined with { ConstantProgram = true } : joined;
            }
            case "comparison_operator" or "not_operator":
                foreach (var child in e.NamedChildren) Eval(child, env);
                return Value.Constant;
            case "assignment":
            {
                var value = e.ChildByField("right") is { } right ? Eval(right, env) : Value.Unknown;
                if (e.ChildByField("left") is { } left)
                {
                    Bind(left, value, env, e);
                    if (left.Type == "identifier" && e.ChildByField("right") is { Type: "call" } rhs
                        && DottedName(rhs.ChildByField("function")!) is "urlsplit" or "urlparse" or "urllib.parse.urlsplit" or "urllib.parse.urlparse" or "parse.urlsplit" or "parse.urlparse"
                        && rhs.ChildByField("arguments")?.NamedChildren.FirstOrDefault() is { Type: "identifier" } parsedFrom)
                        Origins[left.Text] = ("url", parsedFrom.Text);
                }
                return value;
            }
            case "augmented_assignment":
            {
                var value = Eval(e.ChildByField("right")!, env);
                var left = e.ChildByField("left")!;
                var joined = Value.Join(Eval(left, env), value);
                Bind(left, joined, env, e);
                return joined;
            }
            case "named_expression":
            {
                var value = Eval(e.ChildByField("value")!, env);
                if (e.ChildByField("name") is { } name) Bind(name, value, env, e);
                return value;
            }
            case "attribute":
            {
                var obj = e.ChildByField("object")!;
                var attr = e.ChildByField("attribute")!.Text;
                if (obj.Type == "identifier" && obj.Text == "request" && !env.TryGet("request", out _) && RequestAttributes.Contains(attr))
                    return Value.Source(Step(e, $"HTTP request data `request.{attr}`"));
                if (e.Text is "os.environ" or "environ" && !env.TryGet("environ", out _))
                    return Value.Unknown.WithLabel(FlowLabel.Secret, Step(e, $"the whole environment `{e.Text}`"));
                var objValue = Eval(obj, env);
                if (objValue.Has(FlowLabel.ExternalContent) && IsResponseMetadata(attr)) objValue = objValue.Without(FlowLabel.ExternalContent);
                if (attr is "authorization" or "Authorization" && obj.Text.Contains("header", StringComparison.OrdinalIgnoreCase))
                    objValue = objValue.WithLabel(FlowLabel.IncomingToken, Step(e, $"the incoming Authorization header `{e.Text}`"));
                return objValue;
            }
            case "subscript":
            {
                foreach (var sub in e.ChildrenByField("subscript")) Eval(sub, env);
                var container = e.ChildByField("value")!;
                var key = e.ChildrenByField("subscript").FirstOrDefault() is { Type: "string" } k ? StringText(k) : null;
                if (container.Text is "os.environ" or "environ") return EnvRead(e, key, e.ChildrenByField("subscript").FirstOrDefault(), env);
                return KeyedRead(e, container, Eval(container, env), key, responseMetadataIsNotContent: false);
            }
            case "call":
                return EvalCall(e, env);
            case "conditional_expression":
            {
                var parts = e.NamedChildren.ToList();
                if (parts.Count == 3) Eval(parts[1], env);
                return Value.Join(parts.Where((_, i) => i != 1).Select(p => Eval(p, env)));
            }
            case "lambda":
                return Value.Unknown;
            case "list_comprehension" or "generator_expression" or "set_comprehension" or "dictionary_comprehension":
            {
                var inner = env.Clone();
                foreach (var clause in e.NamedChildren.Where(c => c.Type == "for_in_clause"))
                {
                    var iterable = Eval(clause.ChildByField("right")!, inner);
                    if (clause.ChildByField("left") is { } l) Bind(l, iterable, inner, clause);
                }
                return e.ChildByField("body") is { } body ? Eval(body, inner) : Value.Unknown;
            }
            default:
            {
                var children = e.NamedChildren.Where(c => c.Type != "comment").ToList();
                if (children.Count == 0) return e.IsNamed ? Value.Unknown : Value.Constant;
                return Value.Join(children.Select(c => Eval(c, env)));
            }
        }
    }

    private Value EvalCall(SyntaxNode call, Env env)
    {
        var callee = call.ChildByField("function")!;
        var argumentList = call.ChildByField("arguments");
        var positional = new List<(SyntaxNode Node, Value Value)>();
        var keywords = new Dictionary<string, (SyntaxNode Node, Value Value)>(StringComparer.Ordinal);
        foreach (var arg in argumentList?.NamedChildren ?? [])
        {
            if (arg.Type == "keyword_argument")
            {
                var valueNode = arg.ChildByField("value")!;
                keywords[arg.ChildByField("name")!.Text] = (valueNode, Eval(valueNode, env));
            }
            else if (arg.Type != "comment") positional.Add((arg, Eval(arg, env)));
        }
        var name = DottedName(callee) ?? "";
        var method = LastSegment(name);
        Value receiver = Value.Constant;
        SyntaxNode? receiverNode = null;
        if (callee.Type == "attribute")
        {
            receiverNode = callee.ChildByField("object")!;
            method = callee.ChildByField("attribute")!.Text;
            receiver = Eval(callee, env); // the object's value, or a source for request.get_json() and the like
        }
        else if (callee.Type != "identifier")
        {
            receiver = Eval(callee, env);
        }

        CheckSinks(call, name, method, receiverNode, receiver, positional, keywords, env);
        if (name is "os.getenv" or "getenv" or "os.environ.get" or "environ.get")
            return EnvRead(call, positional.Count > 0 && positional[0].Node.Type == "string" ? StringText(positional[0].Node) : null, positional.Count > 0 ? positional[0].Node : null, env);
        bool tokenIn = positional.Any(p => p.Value.Has(FlowLabel.IncomingToken)) || keywords.Values.Any(k => k.Value.Has(FlowLabel.IncomingToken));
        if (tokenIn && IsTokenValidation(name, method, keywords.ContainsKey("audience")))
        {
            foreach (var (node, v) in positional.Concat(keywords.Values))
                if (node.Type == "identifier" && v.Has(FlowLabel.IncomingToken)) env.Set(node.Text, v.Without(FlowLabel.IncomingToken));
        }
        var value = Core();
        return Labelled(value);

        Value Labelled(Value result)
        {
            if (method is "keys" && receiver.Has(FlowLabel.Secret)) return result.Without(FlowLabel.Secret); // variable names, not values
            if (tokenIn && IsTokenValidation(name, method, keywords.ContainsKey("audience"))) result = result.Without(FlowLabel.IncomingToken);
            bool sameFile = callee.Type == "identifier" && (Functions.ContainsKey(name) || Imports.ContainsKey(name)) || receiverNode is { Type: "identifier", Text: "self" } && Functions.ContainsKey(method);
            if (!sameFile && !SecretCarriers.Contains(name) && !SecretCarriers.Contains(method))
                result = result.Without(FlowLabel.Secret).Without(FlowLabel.IncomingToken); // a client built with a key does not return the key
            if (ContainsAny(name, "summar", "sanitiz", "sanitis")) result = result.Without(FlowLabel.ExternalContent);
            if (receiverNode is not null && method == "get" && positional.Count > 0 && StringText(positional[0].Node) is { } getKey)
                result = KeyedRead(call, receiverNode, result, getKey, responseMetadataIsNotContent: false);
            if (ShellFunctions.Contains(name) || SubprocessFunctions.Contains(name) && name.Contains('.', StringComparison.Ordinal))
                return result.Without(FlowLabel.Secret).Without(FlowLabel.IncomingToken);
            if (IsHttpCall(name, method, receiverNode))
            {
                var headers = Value.Join(new[] { "headers", "auth" }.Where(keywords.ContainsKey).Select(k => keywords[k].Value));
                TokenSink(call, headers, $"the outgoing request `{name}`");
                var urlIndex = method == "request" ? 1 : 0;
                var url = urlIndex < positional.Count ? positional[urlIndex] : keywords.TryGetValue("url", out var u) ? u : default;
                var response = result.Without(FlowLabel.Secret).Without(FlowLabel.IncomingToken);
                bool read = method is "get" or "stream" || method == "request" && positional.Count > 0 && StringText(positional[0].Node)?.ToUpperInvariant() == "GET"
                    || name is "urllib.request.urlopen" or "urlopen" && positional.Count < 2 && !keywords.ContainsKey("data");
                return url.Node is not null && IsUntrustedResponse(url.Value, url.Node.Text, read) ? ContentSource(response, call, $"the HTTP response of `{name}`") : response;
            }
            if (name is "open" or "io.open" or "aiofiles.open" && positional.Count > 0 && positional[0].Value.IsTainted && !WritesMode(positional, keywords))
                return ContentSource(result, call, "contents of a file at a tool-chosen path");
            if (receiverNode is not null && method is "read_text" or "read_bytes" && receiver.IsTainted)
                return ContentSource(result, call, "contents of a file at a tool-chosen path");
            if (receiverNode is not null && IssueMethods.Contains(method))
                return ContentSource(result, call, $"issue / pull-request text from `.{method}()`");
            if (name is "email.message_from_bytes" or "email.message_from_string" or "message_from_bytes" or "message_from_string"
                || receiverNode is not null && method is "fetch" && receiverNode.Text.Contains("imap", StringComparison.OrdinalIgnoreCase))
                return ContentSource(result, call, $"an e-mail message from `{name}`");
            return result;
        }

        Value Core()
        {

            var allArgs = positional.Select(p => p.Value).Concat(keywords.Values.Select(k => k.Value)).ToList();
            if (Sanitizers.Contains(name)) return Value.Sanitized;
            if (Normalizers.Contains(name) || (receiverNode is not null && method is "resolve" or "realpath" or "absolute"))
            {
                var joined = Value.Join(allArgs.Append(receiver));
                return joined with { Normalized = joined.IsTainted };
            }
            if (receiverNode?.Type == "identifier" && method is "append" or "extend" or "insert" or "add" or "update" or "setdefault")
            {
                var added = Value.Join(allArgs);
                if (added.IsTainted || added.HasLabels) env.Set(receiverNode.Text, Value.Join(receiver, Through(added, call, () => $"added to `{receiverNode.Text}`")));
                return Value.Constant;
            }
            if (callee.Type == "identifier" && Functions.TryGetValue(name, out var fn))
                return CallSameFile(fn, name, call, positional.Select(p => (Value?)p.Value).ToList(), keywords.ToDictionary(k => k.Key, k => k.Value.Value, StringComparer.Ordinal));
            if (callee.Type == "identifier" && CallImported(name, call, positional.Select(p => (Value?)p.Value).ToList(), keywords.ToDictionary(k => k.Key, k => k.Value.Value, StringComparer.Ordinal)) is { } imported)
                return imported;
            if (receiverNode is { Type: "identifier", Text: "self" } && Functions.TryGetValue(method, out var selfFn))
                return CallSameFile(selfFn, method, call, positional.Select(p => (Value?)p.Value).Prepend(Value.Unknown).ToList(), keywords.ToDictionary(k => k.Key, k => k.Value.Value, StringComparer.Ordinal));

            var result = Value.Join(allArgs.Append(receiver));
            if (result.Kind == ValueKind.Constant && !PureCalls.Contains(name) && !PureCalls.Contains(method)) return Value.Unknown;
            if (method == "format" && receiverNode is { Type: "string" }) result = WithOrigin(result, LiteralPrefix(receiverNode));
            return result;
        }
    }

    protected override SyntaxNode? SameFileCallee(SyntaxNode call)
    {
        var callee = call.ChildByField("function");
        if (callee?.Type == "identifier" && Functions.TryGetValue(callee.Text, out var fn)) return fn;
        if (callee?.Type == "attribute" && callee.ChildByField("object")?.Text == "self" && Functions.TryGetValue(callee.ChildByField("attribute")!.Text, out var m)) return m;
        return null;
    }

    private static readonly HashSet<string> SqlWriteVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "INSERT", "UPDATE", "DELETE", "DROP", "CREATE", "ALTER", "TRUNCATE", "REPLACE", "MERGE", "GRANT", "REVOKE", "UPSERT",
    };

    /// <summary>The first word of a SQL text written as a literal (also the left-most literal of a concatenation or f-string).</summary>
    internal static string? SqlVerb(string? literalPrefix)
    {
        if (literalPrefix is null) return null;
        var text = literalPrefix.TrimStart();
        int end = 0;
        while (end < text.Length && char.IsLetter(text[end])) end++;
        return end == 0 ? null : text[..end].ToUpperInvariant();
    }

    protected override Effect? EffectOf(SyntaxNode call)
    {
        if (call.Type != "call" || call.ChildByField("function") is not { } callee) return null;
        var name = DottedName(callee) ?? "";
        var receiverNode = callee.Type == "attribute" ? callee.ChildByField("object") : null;
        var method = receiverNode is not null ? callee.ChildByField("attribute")!.Text : name;
        var args = call.ChildByField("arguments")?.NamedChildren.Where(a => a.Type != "comment").ToList() ?? [];
        var positional = args.Where(a => a.Type != "keyword_argument").ToList();
        SyntaxNode? Keyword(string k) => args.FirstOrDefault(a => a.Type == "keyword_argument" && a.ChildByField("name")?.Text == k)?.ChildByField("value");

        if (ShellFunctions.Contains(name) || SubprocessFunctions.Contains(name) && (name.Contains('.', StringComparison.Ordinal) || name == "Popen"))
            return new Effect(call, EffectKind.Executes, $"runs a command (`{name}`)");
        if (name is "os.remove" or "os.unlink" or "os.rmdir" or "os.removedirs" or "shutil.rmtree" || receiverNode is not null && method is "unlink" or "rmdir")
            return new Effect(call, EffectKind.DeletesFile, $"deletes files (`{name}`)");
        if (name is "os.rename" or "os.replace" or "os.makedirs" or "os.mkdir" or "os.chmod" or "os.chown" or "os.symlink" or "os.link"
            or "shutil.copy" or "shutil.copyfile" or "shutil.copy2" or "shutil.move" or "shutil.copytree"
            || receiverNode is not null && method is "write_text" or "write_bytes" or "touch" or "mkdir" or "symlink_to")
            return new Effect(call, EffectKind.WritesFile, $"writes to the file system (`{name}`)");
        if (name is "open" or "io.open" or "aiofiles.open" or "os.open")
        {
            var mode = positional.Count > 1 ? positional[1] : Keyword("mode");
            var text = mode is null ? null : StringText(mode);
            if (text is not null && text.IndexOfAny(['w', 'a', 'x', '+']) >= 0) return new Effect(call, EffectKind.WritesFile, $"opens a file for writing (`{name}(…, \"{text}\")`)");
            return new Effect(call, EffectKind.ReadsFile, $"reads a file (`{name}`)");
        }
        if (name is "os.listdir" or "os.scandir" or "os.walk" || receiverNode is not null && method is "read_text" or "read_bytes" or "iterdir")
            return new Effect(call, EffectKind.ReadsFile, $"reads files (`{name}`)");
        if (IsHttpCall(name, method, receiverNode))
        {
            var verb = method == "request" && positional.Count > 0 ? StringText(positional[0])?.ToUpperInvariant() : method.ToUpperInvariant();
            if (name is "urllib.request.urlopen" or "urlopen" or "urllib.request.Request") verb = Keyword("data") is not null || positional.Count > 1 ? "POST" : "GET";
            if (verb is "GET" or "HEAD" or "OPTIONS" or "STREAM" or null) return new Effect(call, EffectKind.FetchesUrl, $"fetches a URL (`{name}`)");
            return new Effect(call, EffectKind.SendsRequest, $"sends an HTTP {verb} request (`{name}`)");
        }
        if (receiverNode is not null && method is "sendmail" or "send_message" && ContainsAny(receiverNode.Text, "smtp", "mail", "server"))
            return new Effect(call, EffectKind.SendsMail, $"sends e-mail (`{name}`)");
        if (receiverNode is not null && method is "execute" or "executemany" or "executescript" && positional.Count > 0)
        {
            var verb = SqlVerb(LiteralPrefix(positional[0]));
            if (verb is not null && SqlWriteVerbs.Contains(verb)) return new Effect(call, EffectKind.WritesDatabase, $"writes to the database (`{verb} …`)");
            return new Effect(call, EffectKind.ReadsDatabase, $"queries the database (`.{method}()`)");
        }
        if (receiverNode is not null && method == "commit" && args.Count == 0 && ContainsAny(receiverNode.Text, "conn", "db", "session", "cursor"))
            return new Effect(call, EffectKind.WritesDatabase, $"commits a database transaction (`{name}`)");
        return null;
    }

    /// <summary>Calls that return their argument's data (so a secret or a token in it is still there): formatting, copying,
    /// containers, encodings. Other library calls take a secret as an input (a client, a request) without returning it.</summary>
    private static readonly HashSet<string> SecretCarriers = new(StringComparer.Ordinal)
    {
        "dict", "list", "tuple", "set", "sorted", "str", "repr", "format", "join", "strip", "lstrip", "rstrip", "lower", "upper", "replace", "split",
        "copy", "items", "values", "get", "json.dumps", "dumps", "encode", "decode", "b64encode", "base64.b64encode", "base64.urlsafe_b64encode",
        "hexlify", "pformat", "pprint.pformat", "yaml.dump", "yaml.safe_dump", "f", "getenv", "environ.get",
    };

    private static readonly HashSet<string> IssueMethods = new(StringComparer.Ordinal)
    {
        "get_issue", "get_issues", "get_pull", "get_pulls", "get_comments", "get_issue_comments", "get_review_comments", "search_issues", "get_discussion",
    };

    private static bool ContainsAny(string text, params string[] parts) => parts.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));

    private static bool WritesMode(List<(SyntaxNode Node, Value Value)> positional, Dictionary<string, (SyntaxNode Node, Value Value)> keywords)
    {
        var mode = positional.Count > 1 ? positional[1].Node : keywords.TryGetValue("mode", out var m) ? m.Node : null;
        return mode?.Type == "string" && StringText(mode) is { } text && text.IndexOfAny(['w', 'a', 'x', '+']) >= 0;
    }

    /// <summary>The content of a plain string literal (no interpolation), or null.</summary>
    private static string? StringText(SyntaxNode node)
    {
        if (node.Type != "string" || node.NamedChildren.Any(c => c.Type == "interpolation")) return null;
        return string.Concat(node.NamedChildren.Where(c => c.Type == "string_content").Select(c => c.Text));
    }

    /// <summary>An environment read: a secret-looking name (or a name the tool input chooses) carries <see cref="FlowLabel.Secret"/>.</summary>
    private Value EnvRead(SyntaxNode at, string? key, SyntaxNode? keyNode, Env env)
    {
        if (key is not null) return IsSecretName(key) ? Value.Unknown.WithLabel(FlowLabel.Secret, Step(at, $"secret environment variable `{key}`")) : Value.Unknown;
        var chosen = keyNode is null ? Value.Constant : Eval(keyNode, env);
        return chosen.IsTainted ? Value.Unknown.WithLabel(FlowLabel.Secret, Step(at, "an environment variable the tool input chooses")) : Value.Unknown;
    }


    /// <summary>The literal text an expression starts with: a string's content up to its first interpolation (or the
    /// first '{' / '%' placeholder), or the left-most operand of a concatenation.</summary>
    private static string? LiteralPrefix(SyntaxNode e)
    {
        switch (e.Type)
        {
            case "string":
            {
                var sb = new System.Text.StringBuilder();
                foreach (var child in e.NamedChildren)
                {
                    if (child.Type == "interpolation") break;
                    if (child.Type == "string_content") sb.Append(child.Text);
                }
                var text = sb.ToString();
                int cut = text.IndexOfAny(['{', '%']);
                return cut < 0 ? text : text[..cut];
            }
            case "binary_operator":
                return e.ChildByField("left") is { } left ? LiteralPrefix(left) : null;
            case "parenthesized_expression":
                return e.NamedChildren.FirstOrDefault() is { } inner ? LiteralPrefix(inner) : null;
            default:
                return null;
        }
    }

    private void CheckSinks(SyntaxNode call, string name, string method, SyntaxNode? receiverNode, Value receiver,
        List<(SyntaxNode Node, Value Value)> positional, Dictionary<string, (SyntaxNode Node, Value Value)> keywords, Env env)
    {
        Value First() => positional.Count > 0 ? positional[0].Value : Value.Constant;
        Value Arg(int i, string keyword) => i < positional.Count ? positional[i].Value : keywords.TryGetValue(keyword, out var k) ? k.Value : Value.Constant;

        if (ShellFunctions.Contains(name))
        {
            Sink(call, TaintRules.Command, First(), $"a shell command (`{name}`)");
        }
        else if (SubprocessFunctions.Contains(name) && (name.Contains('.', StringComparison.Ordinal) || name == "Popen") && (positional.Count > 0 || keywords.ContainsKey("args")))
        {
            bool shell = keywords.TryGetValue("shell", out var sh) && sh.Node.Text == "True";
            var argv = positional.Count > 0 ? positional[0].Node : keywords["args"].Node;
            var argvValue = positional.Count > 0 ? positional[0].Value : keywords["args"].Value;
            if (argv.Type is "list" or "tuple")
            {
                var items = argv.NamedChildren.ToList();
                int dashC = items.FindIndex(i => i.Text.Trim('"', '\'') == "-c");
                bool viaShell = shell || (dashC > 0 && items[0].Text.Trim('"', '\'') is "sh" or "bash" or "/bin/sh" or "/bin/bash" or "zsh");
                if (viaShell && dashC > 0)
                    Sink(call, TaintRules.Command, Value.Join(items.Skip(dashC + 1).Select(i => Eval(i, env))), $"a shell command (`{name}` with `{items[0].Text} -c`)");
                else
                    Sink(call, TaintRules.Command, items.Count > 0 ? Eval(items[0], env) : Value.Constant, viaShell ? $"a shell command (`{name}` with shell=True)" : $"the program name of `{name}`");
            }
            else
            {
                // an argv list built elsewhere (another function or file) whose program is a constant: only the operands vary
                var value = !shell && argvValue.ConstantProgram ? Value.Sanitized : argvValue;
                Sink(call, TaintRules.Command, value, shell ? $"a shell command (`{name}` with shell=True)" : $"the program run by `{name}`");
            }
        }
        else if (name is "eval" or "exec" or "builtins.eval" or "builtins.exec")
        {
            Sink(call, TaintRules.Code, First(), $"code evaluation (`{name}`)");
        }
        else if (FileFunctions.Contains(name))
        {
            var value = name is "shutil.copy" or "shutil.copyfile" or "shutil.copy2" or "shutil.move" or "os.rename" ? Value.Join(Arg(0, "src"), Arg(1, "dst")) : Arg(0, "file");
            Sink(call, TaintRules.Path, value, $"a file path (`{name}`)");
        }
        else if (receiverNode is not null && PathMethods.Contains(method) && receiver.Kind != ValueKind.Unknown)
        {
            Sink(call, TaintRules.Path, receiver, $"a file path (`.{method}()`)");
        }
        else if (receiverNode is not null && method == "open" && receiver.IsTainted)
        {
            Sink(call, TaintRules.Path, receiver, "a file path (`Path.open()`)");
        }
        else if (IsHttpCall(name, method, receiverNode))
        {
            var url = UrlValue(method == "request" ? Arg(1, "url") : Arg(0, "url"));
            Sink(call, TaintRules.Ssrf, url, $"an outgoing request URL (`{name}`)");
        }
        else if (receiverNode is not null && method is "execute" or "executemany" or "executescript" or "mogrify" && positional.Count > 0)
        {
            Sink(call, TaintRules.Sql, First(), $"SQL text (`.{method}()`)");
        }
        else if (DeserializeFunctions.Contains(name))
        {
            Sink(call, TaintRules.Deserialization, First(), $"unsafe deserialization (`{name}`)");
        }
        else if (name == "yaml.load")
        {
            bool safe = (keywords.TryGetValue("Loader", out var loader) && loader.Node.Text.Contains("Safe", StringComparison.Ordinal))
                || (positional.Count > 1 && positional[1].Node.Text.Contains("Safe", StringComparison.Ordinal));
            Sink(call, TaintRules.Deserialization, safe ? Value.Sanitized : First(), "unsafe deserialization (`yaml.load` without SafeLoader)");
        }
    }

    private static bool IsHttpCall(string name, string method, SyntaxNode? receiverNode)
    {
        if (name is "urllib.request.urlopen" or "urlopen" or "urllib.request.Request") return true;
        if (receiverNode is null || !HttpMethods.Contains(method)) return false;
        var receiver = receiverNode.Text;
        if (HttpModules.Contains(receiver)) return true;
        var lower = receiver.ToLowerInvariant();
        return lower.Contains("client", StringComparison.Ordinal) || lower.Contains("session", StringComparison.Ordinal) || lower.Contains("http", StringComparison.Ordinal);
    }
}
