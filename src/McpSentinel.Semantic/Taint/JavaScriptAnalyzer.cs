using System.Runtime.CompilerServices;
using McpSentinel.Core.Scanning;
using McpSentinel.Semantic.Syntax;

namespace McpSentinel.Semantic.Taint;

/// <summary>Taint analysis over a tree-sitter JavaScript / TypeScript / TSX tree: handlers registered with
/// <c>server.tool</c>, <c>registerTool</c>, <c>prompt</c>/<c>resource</c>, <c>setRequestHandler(CallToolRequestSchema, …)</c>
/// and Express routes are sources.</summary>
internal sealed partial class JavaScriptAnalyzer : TaintAnalyzer
{
    private static readonly HashSet<string> FunctionTypes = new(StringComparer.Ordinal)
    {
        "function_declaration", "function_expression", "arrow_function", "method_definition", "generator_function_declaration", "function",
    };
    private static readonly HashSet<string> McpRegistrations = new(StringComparer.Ordinal)
    {
        "tool", "registerTool", "prompt", "registerPrompt", "resource", "registerResource",
    };
    private static readonly HashSet<string> ExpressMethods = new(StringComparer.Ordinal) { "get", "post", "put", "delete", "patch", "all", "use" };
    private static readonly HashSet<string> Sanitizers = new(StringComparer.Ordinal)
    {
        "Number", "parseInt", "parseFloat", "Boolean", "Math.floor", "Math.round", "encodeURIComponent", "path.basename", "basename",
        "shellEscape", "shellQuote.quote", "escapeShellArg", "quote",
    };
    private static readonly HashSet<string> Normalizers = new(StringComparer.Ordinal)
    {
        "path.resolve", "resolve", "path.normalize", "fs.realpathSync", "realpathSync", "fs.promises.realpath", "fsp.realpath", "realpath", "path.posix.resolve",
    };
    private static readonly HashSet<string> PureCalls = new(StringComparer.Ordinal)
    {
        "join", "path.join", "concat", "trim", "toLowerCase", "toUpperCase", "replace", "split", "String", "toString", "JSON.stringify", "slice", "substring",
    };
    private static readonly HashSet<string> ShellFunctions = new(StringComparer.Ordinal) { "exec", "execSync" };
    private static readonly HashSet<string> SpawnFunctions = new(StringComparer.Ordinal) { "spawn", "spawnSync", "execFile", "execFileSync", "fork" };
    private static readonly HashSet<string> FsFunctions = new(StringComparer.Ordinal)
    {
        "readFile", "readFileSync", "writeFile", "writeFileSync", "appendFile", "appendFileSync", "unlink", "unlinkSync", "rm", "rmSync",
        "rmdir", "rmdirSync", "readdir", "readdirSync", "mkdir", "mkdirSync", "createReadStream", "createWriteStream", "open", "openSync",
        "copyFile", "copyFileSync", "rename", "renameSync", "stat", "statSync", "access", "lstat", "opendir", "sendFile", "download",
    };
    private static readonly HashSet<string> HttpMethods = new(StringComparer.Ordinal) { "get", "post", "put", "delete", "patch", "head", "request" };

    private Value _returns = Value.Constant;

    /// <summary>Local names of promisified child_process functions (<c>execAsync</c> → <c>exec</c>).</summary>
    private readonly Dictionary<string, string> ProcessAliases = new(StringComparer.Ordinal);

    /// <summary>Within the current function: boolean variables holding a check (<c>const ok = ROOTS.some(…)</c>) and the guards it gives.</summary>
    private Dictionary<string, List<(string Name, bool Positive)>> GuardVariables { get; set; } = new(StringComparer.Ordinal);
    private CancellationToken _cancellation;

    public JavaScriptAnalyzer(SourceFile file, SyntaxNode root) : base(file, root)
    {
    }

    public override void Run(CancellationToken cancellationToken)
    {
        var functions = PrepareFunctions(cancellationToken);
        foreach (var fn in functions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AnalyzeFunction(fn, [], new Dictionary<string, Value>());
            if (HandlerOf(fn) is { Kind: "tool" } tool && fn.Parent?.Parent is { } registration)
            {
                var config = string.Concat(fn.Parent.NamedChildren.Where(a => a != fn).Select(a => a.Text));
                CheckTool(fn, tool.Name, registration, ReadOnlyAnnotation().IsMatch(config));
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"readOnlyHint[""']?\s*:\s*true")]
    private static partial System.Text.RegularExpressions.Regex ReadOnlyAnnotation();

    internal override void Prepare(CancellationToken cancellationToken) => PrepareFunctions(cancellationToken);

    /// <summary>Function table, imports (<c>import { a as b } from "./x"</c>, <c>const { a } = require("./x")</c>) and the module level.</summary>
    private List<SyntaxNode> PrepareFunctions(CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        var functions = Root.DescendantsAndSelf().Where(n => FunctionTypes.Contains(n.Type)).ToList();
        foreach (var fn in functions)
        {
            var name = fn.ChildByField("name")?.Text;
            if (name is null && fn.Parent is { Type: "variable_declarator" } declarator) name = declarator.ChildByField("name")?.Text;
            if (name is not null) Functions.TryAdd(name, fn);
        }
        foreach (var declarator in Root.DescendantsAndSelf().Where(n => n.Type == "variable_declarator"))
        {
            // const execAsync = promisify(exec) / util.promisify(child_process.execFile)
            if (declarator.ChildByField("name") is { Type: "identifier" } alias && declarator.ChildByField("value") is { Type: "call_expression" } wrap
                && DottedName(wrap.ChildByField("function")!) is "promisify" or "util.promisify"
                && wrap.ChildByField("arguments")?.NamedChildren.FirstOrDefault() is { } wrapped && DottedName(wrapped) is { } target
                && LastSegment(target) is var fn && (ShellFunctions.Contains(fn) || SpawnFunctions.Contains(fn)))
                ProcessAliases[alias.Text] = fn;
        }
        foreach (var import in Root.NamedChildren.Where(n => n.Type == "import_statement"))
        {
            if (import.ChildByField("source") is not { } source || StringText(source) is not { } module || !module.StartsWith('.')) continue;
            foreach (var specifier in import.DescendantsAndSelf().Where(n => n.Type == "import_specifier"))
            {
                var original = specifier.ChildByField("name")?.Text;
                var local = specifier.ChildByField("alias")?.Text ?? original;
                if (original is not null && local is not null && !Functions.ContainsKey(local)) Imports[local] = (module, original);
            }
        }
        foreach (var declarator in Root.DescendantsAndSelf().Where(n => n.Type == "variable_declarator"))
        {
            if (declarator.ChildByField("value") is not { Type: "call_expression" } call || call.ChildByField("function")?.Text != "require"
                || call.ChildByField("arguments")?.NamedChildren.FirstOrDefault() is not { } arg || StringText(arg) is not { } module || !module.StartsWith('.')
                || declarator.ChildByField("name") is not { Type: "object_pattern" } pattern) continue;
            foreach (var property in pattern.NamedChildren)
            {
                var original = property.Type == "shorthand_property_identifier_pattern" ? property.Text : property.Type == "pair_pattern" ? property.ChildByField("key")?.Text : null;
                var local = property.Type == "pair_pattern" ? property.ChildByField("value")?.Text : original;
                if (original is not null && local is not null && !Functions.ContainsKey(local)) Imports[local] = (module, original);
            }
        }
        var globals = new Env();
        Globals = new Env();
        ExecBlock(Root, globals);
        Globals = globals;
        return functions;
    }

    /// <summary>A relative specifier, with the extensions Node/TypeScript resolve (<c>./utils.js</c> may be <c>utils.ts</c>).</summary>
    protected override IEnumerable<string> ModuleCandidates(string module)
    {
        if (Normalize((Folder.Length == 0 ? "" : Folder + "/") + module) is not { } target) yield break;
        string[] extensions = [".ts", ".tsx", ".js", ".mjs", ".cjs", ".jsx", "/index.ts", "/index.js"];
        var ext = Path.GetExtension(target);
        if (ext is ".js" or ".mjs" or ".cjs" or ".jsx")
        {
            yield return target;
            var stem = target[..^ext.Length];
            yield return stem + ".ts";
            yield return stem + ".tsx";
            yield return stem + (ext == ".mjs" ? ".mts" : ext == ".cjs" ? ".cts" : ".ts");
        }
        else if (ext is ".ts" or ".tsx" or ".mts" or ".cts") yield return target;
        else foreach (var e in extensions) yield return target + e;
    }

    /// <summary>When this function is the handler argument of an MCP registration or an Express route: its kind and name.</summary>
    private static (string Kind, string Name, bool AllParams)? HandlerOf(SyntaxNode function)
    {
        if (function.Parent is not { Type: "arguments" } args || args.Parent is not { Type: "call_expression" } call) return null;
        var callee = call.ChildByField("function");
        if (callee?.Type != "member_expression") return null;
        var method = callee.ChildByField("property")?.Text ?? "";
        var list = args.NamedChildren.ToList();
        if (list.Count == 0 || list[^1] != function) return null;
        var first = list[0];
        string StringOf(SyntaxNode n) => n.Type is "string" or "template_string" ? n.Text.Trim('"', '\'', '`') : n.Text;
        if (McpRegistrations.Contains(method) && list.Count >= 2)
        {
            var kind = method.Contains("rompt", StringComparison.Ordinal) ? "prompt" : method.Contains("esource", StringComparison.Ordinal) ? "resource" : "tool";
            return (kind, StringOf(first), false);
        }
        if (method == "setRequestHandler" && list.Count == 2)
        {
            var schema = first.Text;
            if (schema.Contains("CallTool", StringComparison.Ordinal)) return ("tool", "CallToolRequest", false);
            if (schema.Contains("GetPrompt", StringComparison.Ordinal)) return ("prompt", "GetPromptRequest", false);
            if (schema.Contains("ReadResource", StringComparison.Ordinal)) return ("resource", "ReadResourceRequest", false);
            return null;
        }
        if (ExpressMethods.Contains(method) && list.Count >= 2 && first.Type is "string" or "template_string" && callee.ChildByField("object")?.Text is { } obj
            && (obj is "app" or "router" or "server" || obj.EndsWith("Router", StringComparison.Ordinal) || obj.EndsWith("app", StringComparison.OrdinalIgnoreCase)))
            return ("HTTP route", StringOf(first), false);
        return null;
    }

    protected override Value AnalyzeFunction(SyntaxNode function, IReadOnlyList<Value?> arguments, IReadOnlyDictionary<string, Value> keywordArguments)
    {
        var env = new Env();
        var handler = arguments.Count == 0 ? HandlerOf(function) : null;
        var parameters = function.ChildByField("parameters")?.NamedChildren.Where(p => p.Type != "comment").ToList()
            ?? (function.ChildByField("parameter") is { } single ? [single] : []);
        for (int i = 0; i < parameters.Count; i++)
        {
            var param = parameters[i];
            Value value;
            if (handler is { } h && i == 0)
            {
                foreach (var id in PatternNames(param))
                {
                    var source = Value.Source(Step(id, $"{h.Kind} argument `{id.Text}` of `{h.Name}`"));
                    if (IsTokenName(id.Text) && param.Type != "identifier") source = source.WithLabel(FlowLabel.IncomingToken, Step(id, $"incoming token `{id.Text}` of `{h.Name}`"));
                    env.Set(id.Text, source);
                }
                continue;
            }
            value = i < arguments.Count && arguments[i] is { } arg ? arg : Value.Unknown;
            foreach (var id in PatternNames(param)) env.Set(id.Text, value);
        }
        var saved = _returns;
        var savedOrigins = Origins;
        var savedHandler = CurrentHandler;
        var savedGuards = GuardVariables;
        GuardVariables = new(StringComparer.Ordinal);
        _returns = Value.Constant;
        Origins = new(StringComparer.Ordinal);
        CurrentHandler = handler is { } current ? (current.Kind, current.Name) : null;
        var body = function.ChildByField("body");
        if (body is not null)
        {
            if (body.Type == "statement_block") ExecBlock(body, env);
            else
            {
                var returned = Eval(body, env);
                _returns = Value.Join(_returns, returned);
                ResultSink(body, returned);
            }
        }
        var result = _returns;
        _returns = saved;
        Origins = savedOrigins;
        CurrentHandler = savedHandler;
        GuardVariables = savedGuards;
        return result;
    }

    /// <summary>The identifiers a parameter or destructuring pattern binds (not default values or type annotations).</summary>
    private static IEnumerable<SyntaxNode> PatternNames(SyntaxNode pattern)
    {
        switch (pattern.Type)
        {
            case "identifier" or "shorthand_property_identifier_pattern":
                yield return pattern;
                break;
            case "required_parameter" or "optional_parameter":
                if (pattern.ChildByField("pattern") is { } p) foreach (var n in PatternNames(p)) yield return n;
                break;
            case "assignment_pattern" or "object_assignment_pattern":
                if (pattern.ChildByField("left") is { } l) foreach (var n in PatternNames(l)) yield return n;
                break;
            case "pair_pattern":
                if (pattern.ChildByField("value") is { } v) foreach (var n in PatternNames(v)) yield return n;
                break;
            case "object_pattern" or "array_pattern" or "rest_pattern":
                foreach (var child in pattern.NamedChildren) foreach (var n in PatternNames(child)) yield return n;
                break;
        }
    }

    // ---- statements ---------------------------------------------------------------------------------------------

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
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (s.Type)
        {
            case "function_declaration" or "generator_function_declaration" or "class_declaration" or "import_statement" or "comment"
                or "interface_declaration" or "type_alias_declaration" or "enum_declaration":
                return false;
            case "export_statement":
                foreach (var child in s.NamedChildren) ExecStatement(child, env);
                return false;
            case "expression_statement":
                foreach (var child in s.NamedChildren) Eval(child, env);
                return false;
            case "lexical_declaration" or "variable_declaration":
                foreach (var declarator in s.NamedChildren.Where(c => c.Type == "variable_declarator"))
                {
                    var value = declarator.ChildByField("value") is { } v ? Eval(v, env) : Value.Constant;
                    if (declarator.ChildByField("name") is { } name)
                    {
                        Bind(name, value, env, declarator);
                        if (name.Type == "identifier" && declarator.ChildByField("value") is { } rhs)
                        {
                            RecordOrigin(name.Text, rhs);
                            var checks = Guards(rhs, env, true);
                            if (checks.Count > 0) GuardVariables[name.Text] = checks;
                            else GuardVariables.Remove(name.Text);
                        }
                    }
                }
                return false;
            case "return_statement":
                foreach (var child in s.NamedChildren)
                {
                    var returned = Eval(child, env);
                    _returns = Value.Join(_returns, returned);
                    ResultSink(s, returned);
                }
                return true;
            case "throw_statement":
                foreach (var child in s.NamedChildren) Eval(child, env);
                return true;
            case "continue_statement" or "break_statement":
                return true;
            case "if_statement":
                return ExecIf(s, env);
            case "switch_statement":
            {
                if (s.ChildByField("value") is { } discriminant) Eval(discriminant, env);
                var merged = env.Clone();
                bool allLeave = true, hasDefault = false;
                foreach (var clause in s.ChildByField("body")?.NamedChildren.Where(c => c.Type is "switch_case" or "switch_default") ?? [])
                {
                    hasDefault |= clause.Type == "switch_default";
                    var branch = env.Clone();
                    bool leaves = false;
                    foreach (var statement in clause.NamedChildren.Where(c => c.Field != "value"))
                    {
                        if (statement.Type == "break_statement") break;
                        if (statement.Type.EndsWith("_statement", StringComparison.Ordinal) || statement.Type is "lexical_declaration" or "variable_declaration" or "statement_block")
                        {
                            if (ExecStatement(statement, branch)) { leaves = true; break; }
                        }
                        else Eval(statement, branch);
                    }
                    allLeave &= leaves;
                    if (!leaves) merged = Env.Merge(merged, branch);
                }
                merged.CopyTo(env);
                return allLeave && hasDefault;
            }
            case "statement_block" or "program":
                return ExecBlock(s, env);
            case "for_in_statement":
            {
                var iterable = s.ChildByField("right") is { } right ? Eval(right, env) : Value.Unknown;
                var loop = env.Clone();
                if (s.ChildByField("left") is { } left) Bind(left, iterable, loop, s);
                if (s.ChildByField("body") is { } body) ExecStatement(body, loop);
                Env.Merge(env, loop).CopyTo(env);
                return false;
            }
            case "for_statement" or "while_statement" or "do_statement":
            {
                var loop = env.Clone();
                foreach (var child in s.NamedChildren.Where(c => c.Field != "body")) EvalOrExec(child, loop);
                if (s.ChildByField("body") is { } body) ExecStatement(body, loop);
                Env.Merge(env, loop).CopyTo(env);
                return false;
            }
            case "try_statement":
            {
                bool bodyLeaves = s.ChildByField("body") is { } tryBody && ExecBlock(tryBody, env);
                bool handlerLeaves = true;
                if (s.ChildByField("handler") is { } handler && handler.ChildByField("body") is { } hb) handlerLeaves = ExecBlock(hb, env);
                if (s.ChildByField("finalizer") is { } fin && fin.ChildByField("body") is { } fb && ExecBlock(fb, env)) return true;
                return bodyLeaves && handlerLeaves;
            }
            default:
                foreach (var child in s.NamedChildren) EvalOrExec(child, env);
                return false;
        }
    }

    private void EvalOrExec(SyntaxNode node, Env env)
    {
        if (node.Type.EndsWith("_statement", StringComparison.Ordinal) || node.Type is "lexical_declaration" or "variable_declaration" or "statement_block") ExecStatement(node, env);
        else Eval(node, env);
    }

    private bool ExecIf(SyntaxNode s, Env env)
    {
        var condition = s.ChildByField("condition");
        var guards = condition is null ? [] : Guards(condition, env, true);
        if (condition is not null) Eval(condition, env);
        var thenEnv = env.Clone();
        var elseEnv = env.Clone();
        foreach (var (name, positive) in guards) (positive ? thenEnv : elseEnv).Set(name, Value.Sanitized);
        bool thenLeaves = s.ChildByField("consequence") is { } consequence && ExecStatement(consequence, thenEnv);
        bool elseLeaves = false;
        if (s.ChildByField("alternative") is { } alternative)
        {
            var inner = alternative.NamedChildren.FirstOrDefault();
            if (inner is not null) elseLeaves = ExecStatement(inner, elseEnv);
        }
        if (thenLeaves && elseLeaves) return true;
        if (thenLeaves) elseEnv.CopyTo(env);
        else if (elseLeaves) thenEnv.CopyTo(env);
        else Env.Merge(thenEnv, elseEnv).CopyTo(env);
        return false;
    }

    /// <summary>Variables a condition proves safe (see the Python analyser): allow-list <c>includes</c>/<c>has</c>, equality with a
    /// constant, resolved-path containment (<c>startsWith</c>, <c>path.relative</c> not starting with '..'), anchored regex <c>test</c>.</summary>
    private List<(string Name, bool Positive)> Guards(SyntaxNode cond, Env env, bool polarity)
    {
        var result = new List<(string, bool)>();
        switch (cond.Type)
        {
            case "parenthesized_expression":
                return cond.NamedChildren.FirstOrDefault() is { } inner ? Guards(inner, env, polarity) : result;
            case "identifier" when GuardVariables.TryGetValue(cond.Text, out var stored):
                return stored.Select(g => (g.Name, g.Positive == polarity)).ToList(); // const ok = <check>; if (!ok) throw …
            case "await_expression":
                return cond.NamedChildren.FirstOrDefault() is { } awaited ? Guards(awaited, env, polarity) : result;
            case "unary_expression" when cond.ChildByField("operator")?.Text == "!":
                return cond.ChildByField("argument") is { } arg ? Guards(arg, env, !polarity) : result;
            case "binary_expression":
            {
                var op = cond.ChildByField("operator")?.Text;
                var left = cond.ChildByField("left")!;
                var right = cond.ChildByField("right")!;
                if (op is "&&" or "||")
                {
                    return Connective(op == "&&", Guards(left, env, polarity), Guards(right, env, polarity), polarity);
                }
                if (op is "===" or "==" or "!==" or "!=")
                {
                    bool eq = op is "===" or "==";
                    if (left.Type == "identifier" && right.Type is "string" or "number" && !right.Text.StartsWith('`'))
                        result.Add((left.Text, eq == polarity));
                    else if (left.Type == "identifier" && right.Type == "identifier" && env.TryGet(right.Text, out var other) && other.Kind == ValueKind.Constant)
                        result.Add((left.Text, eq == polarity)); // equal to an allow-list element (the parameter of ROOTS.some(dir => …))
                    // path.relative(root, p).startsWith('..') === false and similar are handled through the call case below.
                }
                return result;
            }
            case "call_expression":
            {
                var callee = cond.ChildByField("function");
                var args = cond.ChildByField("arguments")?.NamedChildren.ToList() ?? [];
                if (callee?.Type != "member_expression") return result;
                var method = callee.ChildByField("property")!.Text;
                var receiver = callee.ChildByField("object")!;
                if (method is "some" or "every" && args.Count == 1 && args[0].Type == "arrow_function" && IsAllowList(receiver, env)
                    && PatternNames(args[0].ChildByField("parameter") ?? args[0].ChildByField("parameters")?.NamedChildren.FirstOrDefault() ?? args[0]).FirstOrDefault() is { } element
                    && args[0].ChildByField("body") is { } lambdaBody && lambdaBody.Type != "statement_block")
                {
                    // ROOTS.some(dir => p.startsWith(dir + path.sep)): a containment check of p against each allowed root
                    var lambdaEnv = env.Clone();
                    lambdaEnv.Set(element.Text, Value.Constant);
                    result.AddRange(Guards(lambdaBody, lambdaEnv, polarity).Where(g => g.Name != element.Text));
                }
                else if (method is "includes" or "has" && args.Count == 1 && args[0].Type == "identifier" && IsAllowList(receiver, env))
                    result.Add((args[0].Text, polarity));
                else if (method is "includes" or "has" && args.Count == 1 && args[0].Type == "member_expression" && IsAllowList(receiver, env)
                    && HostAttributes.Contains(args[0].ChildByField("property")!.Text) && args[0].ChildByField("object") is { Type: "identifier" } parsed)
                    result.AddRange(HostGuardTargets(parsed.Text).Select(n => (n, polarity)));
                else if (method == "startsWith" && receiver.Type == "identifier" && Origins.TryGetValue(receiver.Text, out var origin) && origin.Kind == "relative"
                    && IsNormalizedPath(origin.Source, env))
                    result.Add((origin.Source, !polarity)); // relative.startsWith("..") means the path escapes the root
                else if (method == "startsWith" && receiver.Type == "identifier" && IsNormalizedPath(receiver.Text, env) && args.Count >= 1 && EndsWithSeparator(args[0]))
                    result.Add((receiver.Text, polarity));
                else if (method == "startsWith" && receiver.Type == "call_expression" && DottedName(receiver.ChildByField("function")!) is "path.relative" or "relative")
                {
                    // path.relative(root, p).startsWith('..') is true when p escapes root: safe when it is false.
                    foreach (var id in receiver.ChildByField("arguments")!.NamedChildren.Skip(1).Where(a => a.Type == "identifier" && IsNormalizedPath(a.Text, env)))
                        result.Add((id.Text, !polarity));
                }
                else if (method == "test" && receiver.Type == "regex" && args.Count == 1 && args[0].Type == "identifier")
                {
                    var pattern = receiver.ChildByField("pattern")?.Text ?? "";
                    if (pattern.StartsWith('^') && pattern.EndsWith('$')) result.Add((args[0].Text, polarity));
                }
                return result;
            }
            default:
                return result;
        }
    }

    private void RecordOrigin(string name, SyntaxNode rhs)
    {
        var args = rhs.ChildByField("arguments")?.NamedChildren.ToList() ?? [];
        if (rhs.Type == "new_expression" && rhs.ChildByField("constructor")?.Text == "URL" && args.Count >= 1 && args[0].Type == "identifier")
            Origins[name] = ("url", args[0].Text);
        else if (rhs.Type == "call_expression" && DottedName(rhs.ChildByField("function")!) is "path.relative" or "relative" or "path.posix.relative"
            && args.Count == 2 && args[1].Type == "identifier")
            Origins[name] = ("relative", args[1].Text);
    }

    private bool IsNormalizedPath(string name, Env env) => env.TryGet(name, out var v) && (v.Normalized || v.Kind != ValueKind.Tainted);

    private bool IsAllowList(SyntaxNode node, Env env) => node.Type switch
    {
        "array" => Eval(node, env.Clone()).Kind == ValueKind.Constant,
        "identifier" => Lookup(node.Text, env).Kind != ValueKind.Tainted,
        "member_expression" => Eval(node, env.Clone()).Kind != ValueKind.Tainted,
        _ => false,
    };

    private void Bind(SyntaxNode target, Value value, Env env, SyntaxNode at)
    {
        switch (target.Type)
        {
            case "identifier":
                env.Set(target.Text, Through(value, at, () => $"assigned to `{target.Text}`"));
                break;
            case "object_pattern" or "array_pattern":
                foreach (var id in PatternNames(target)) env.Set(id.Text, Through(value, at, () => $"assigned to `{id.Text}`"));
                break;
            case "member_expression" or "subscript_expression":
            {
                var root = target;
                while (root.Type is "member_expression" or "subscript_expression") root = root.ChildByField("object")!;
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
        return name is "undefined" or "null" or "true" or "false" ? Value.Constant : Value.Unknown;
    }

    private Value Eval(SyntaxNode e, Env env)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e.Type)
        {
            case "identifier" or "shorthand_property_identifier":
                return Lookup(e.Text, env);
            case "string" or "number" or "true" or "false" or "null" or "undefined" or "regex" or "comment" or "property_identifier":
                return Value.Constant;
            case "template_string":
                return WithOrigin(Value.Join(e.NamedChildren.Where(c => c.Type == "template_substitution")
                    .Select(sub => sub.NamedChildren.FirstOrDefault()).OfType<SyntaxNode>().Select(x => Eval(x, env)).Append(Value.Constant)), LiteralPrefix(e));
            case "arrow_function" or "function_expression" or "function" or "class":
                return Value.Unknown;
            case "assignment_expression":
            {
                var value = e.ChildByField("right") is { } right ? Eval(right, env) : Value.Unknown;
                if (e.ChildByField("left") is { } left) Bind(left, value, env, e);
                return value;
            }
            case "augmented_assignment_expression":
            {
                var left = e.ChildByField("left")!;
                var joined = Value.Join(Eval(left, env), Eval(e.ChildByField("right")!, env));
                Bind(left, joined, env, e);
                return joined;
            }
            case "binary_expression":
            {
                var op = e.ChildByField("operator")?.Text;
                var l = Eval(e.ChildByField("left")!, env);
                var r = Eval(e.ChildByField("right")!, env);
                return op is "+" ? WithOrigin(Value.Join(l, r), LiteralPrefix(e)) : op is "||" or "??" or "&&" ? Value.Join(l, r) : Value.Constant;
            }
            case "unary_expression":
                foreach (var child in e.NamedChildren) Eval(child, env);
                return Value.Constant;
            case "member_expression":
            {
                var obj = e.ChildByField("object")!;
                var property = e.ChildByField("property")?.Text ?? "";
                if (e.Text == "process.env") return Value.Unknown.WithLabel(FlowLabel.Secret, Step(e, "the whole environment `process.env`"));
                if (obj.Text == "process.env") return EnvRead(e, property, null, env);
                if (obj.Text.EndsWith("authInfo", StringComparison.Ordinal) && property == "token")
                    return Eval(obj, env).WithLabel(FlowLabel.IncomingToken, Step(e, $"the incoming bearer token `{e.Text}`"));
                return KeyedRead(e, obj, Eval(obj, env), property, responseMetadataIsNotContent: true);
            }
            case "subscript_expression":
            {
                var index = e.ChildByField("index");
                var indexValue = index is null ? Value.Constant : Eval(index, env);
                var obj = e.ChildByField("object")!;
                var key = index?.Type == "string" ? StringText(index) : null;
                if (obj.Text == "process.env") return EnvRead(e, key, indexValue, env);
                return KeyedRead(e, obj, Eval(obj, env), key, responseMetadataIsNotContent: true);
            }
            case "call_expression":
                return EvalCall(e, env, isNew: false);
            case "new_expression":
                return EvalCall(e, env, isNew: true);
            case "ternary_expression":
            {
                if (e.ChildByField("condition") is { } c) Eval(c, env);
                return Value.Join(Eval(e.ChildByField("consequence")!, env), Eval(e.ChildByField("alternative")!, env));
            }
            case "object":
                return Value.Join(e.NamedChildren.Select(c => c.Type == "pair" ? Eval(c.ChildByField("value")!, env) : Eval(c, env)).Append(Value.Constant));
            case "array":
                return Value.Join(e.NamedChildren.Select(c => Eval(c, env)).Append(Value.Constant));
            default:
            {
                var children = e.NamedChildren.Where(c => c.Type != "comment" && c.Field != "type").ToList();
                if (children.Count == 0) return Value.Unknown;
                return Value.Join(children.Select(c => Eval(c, env)));
            }
        }
    }

    private Value EvalCall(SyntaxNode call, Env env, bool isNew)
    {
        var callee = call.ChildByField(isNew ? "constructor" : "function");
        var argNodes = call.ChildByField("arguments")?.NamedChildren.Where(a => a.Type != "comment").ToList() ?? [];
        if (callee is null) return Value.Unknown;
        var args = argNodes.Select(a => (Node: a, Value: Eval(a, env))).ToList();
        if (call.ChildByField("arguments")?.Type == "template_string") return Value.Sanitized; // tagged template (sql`…`): the tag receives values separately
        var name = DottedName(callee) ?? "";
        var method = LastSegment(name);
        Value receiver = Value.Constant;
        SyntaxNode? receiverNode = null;
        if (callee.Type == "member_expression")
        {
            receiverNode = callee.ChildByField("object")!;
            method = callee.ChildByField("property")!.Text;
            receiver = Eval(receiverNode, env);
        }
        else if (callee.Type != "identifier")
        {
            receiver = Eval(callee, env);
        }

        CheckSinks(call, name, method, receiverNode, receiver, args, isNew, env);
        bool tokenIn = args.Any(a => a.Value.Has(FlowLabel.IncomingToken));
        bool hasAudience = tokenIn && args.Any(a => a.Node.Type == "object" && a.Node.NamedChildren.Any(p => (p.Type == "pair" && p.ChildByField("key")?.Text.Trim('"', '\'') == "audience") || (p.Type == "shorthand_property_identifier" && p.Text == "audience")));
        if (tokenIn && IsTokenValidation(name, method, hasAudience))
        {
            foreach (var (node, v) in args)
                if (node.Type == "identifier" && v.Has(FlowLabel.IncomingToken)) env.Set(node.Text, v.Without(FlowLabel.IncomingToken));
        }
        return Labelled(Core());

        Value Labelled(Value result)
        {
            if (name is "Object.keys" || method == "keys" && receiver.Has(FlowLabel.Secret)) return result.Without(FlowLabel.Secret); // names, not values
            if (tokenIn && IsTokenValidation(name, method, hasAudience)) result = result.Without(FlowLabel.IncomingToken);
            bool sameFile = callee.Type == "identifier" && (Functions.ContainsKey(name) || Imports.ContainsKey(name)) || receiverNode is { Type: "this" } && Functions.ContainsKey(method);
            if (!sameFile && !SecretCarriers.Contains(name) && !SecretCarriers.Contains(method))
                result = result.Without(FlowLabel.Secret).Without(FlowLabel.IncomingToken); // a client built with a key does not return the key
            if (name.Contains("summar", StringComparison.OrdinalIgnoreCase) || name.Contains("sanitiz", StringComparison.OrdinalIgnoreCase))
                result = result.Without(FlowLabel.ExternalContent);
            if (receiverNode is not null && method == "get" && args.Count == 1 && args[0].Node.Type == "string" && StringText(args[0].Node) is { } getKey)
                result = KeyedRead(call, receiverNode, result, getKey, responseMetadataIsNotContent: true);
            if (ShellFunctions.Contains(method) || SpawnFunctions.Contains(method)) return result.Without(FlowLabel.Secret).Without(FlowLabel.IncomingToken);
            if (IsHttpCall(name, method, receiverNode) && args.Count > 0)
            {
                var headers = new List<Value>();
                foreach (var (node, v) in args.Skip(args[0].Node.Type == "object" ? 0 : 1))
                {
                    if (node.Type == "object")
                    {
                        foreach (var p in node.NamedChildren)
                        {
                            if (p.Type == "pair" && p.ChildByField("key")?.Text.Trim('"', '\'') is "headers" or "auth" && p.ChildByField("value") is { } hv) headers.Add(Eval(hv, env));
                            else if (p.Type == "shorthand_property_identifier" && p.Text == "headers") headers.Add(Lookup(p.Text, env));
                        }
                    }
                    else headers.Add(v);
                }
                TokenSink(call, Value.Join(headers), $"the outgoing request `{name}`");
                var response = result.Without(FlowLabel.Secret).Without(FlowLabel.IncomingToken);
                (SyntaxNode Node, Value Value)? url = args[0].Node.Type == "object" ? null : args[0];
                bool read = receiverNode is null ? !args.Any(a => a.Node.Type == "object" && a.Node.NamedChildren.Any(p => p.Type == "pair"
                        && p.ChildByField("key")?.Text.Trim('"', '\'') == "method" && p.ChildByField("value") is { } m && (StringText(m) ?? "POST").ToUpperInvariant() != "GET"))
                    : method == "get";
                return url is { } target && IsUntrustedResponse(target.Value, target.Node.Text, read) ? ContentSource(response, call, $"the HTTP response of `{name}`") : response;
            }
            if (FsFunctions.Contains(method) && method.StartsWith("read", StringComparison.Ordinal) && method != "readdir" && method != "readdirSync" && args.Count > 0 && args[0].Value.IsTainted)
                return ContentSource(result, call, "contents of a file at a tool-chosen path");
            if (receiverNode is not null && (name.Contains("issues.", StringComparison.Ordinal) || name.Contains("pulls.", StringComparison.Ordinal))
                && method is "get" or "list" or "listComments" or "listForRepo" or "listReviewComments" or "getComment" or "listCommits")
                return ContentSource(result, call, $"issue / pull-request text from `{name}`");
            if (name is "octokit.request" or "octokit.graphql")
                return ContentSource(result, call, $"GitHub API content from `{name}`");
            if (name is "simpleParser" or "mailparser.simpleParser" || receiverNode is not null && method is "fetchOne" or "fetch" or "fetchAll" && receiverNode.Text.Contains("imap", StringComparison.OrdinalIgnoreCase)
                || receiverNode is not null && method == "get" && name.Contains("messages", StringComparison.Ordinal) && name.Contains("users", StringComparison.Ordinal))
                return ContentSource(result, call, $"an e-mail message from `{name}`");
            return result;
        }

        Value Core()
        {

            var argValues = args.Select(a => a.Value).ToList();
            if (Sanitizers.Contains(name)) return Value.Sanitized;
            if (Normalizers.Contains(name))
            {
                var joined = Value.Join(argValues);
                return joined with { Normalized = joined.IsTainted };
            }
            if (receiverNode?.Type == "identifier" && method is "push" or "unshift" or "set" or "add")
            {
                var added = Value.Join(argValues);
                if (added.IsTainted || added.HasLabels) env.Set(receiverNode.Text, Value.Join(receiver, Through(added, call, () => $"added to `{receiverNode.Text}`")));
                return Value.Constant;
            }
            if (callee.Type == "identifier" && Functions.TryGetValue(name, out var fn) && !FunctionTypes.Contains(fn.Parent?.Type ?? ""))
                return CallSameFile(fn, name, call, argValues.Select(v => (Value?)v).ToList(), new Dictionary<string, Value>());
            if (callee.Type == "identifier" && CallImported(name, call, argValues.Select(v => (Value?)v).ToList(), new Dictionary<string, Value>()) is { } imported)
                return imported;
            if (receiverNode is { Type: "this" } && Functions.TryGetValue(method, out var thisFn))
                return CallSameFile(thisFn, method, call, argValues.Select(v => (Value?)v).ToList(), new Dictionary<string, Value>());
            var result = Value.Join(argValues.Append(receiver));
            if (result.Kind == ValueKind.Constant && !PureCalls.Contains(name) && !PureCalls.Contains(method)) return Value.Unknown;
            return result;
        }
    }

    /// <summary>Calls that return their argument's data (formatting, copying, encodings): a secret or token in it is still there.</summary>
    private static readonly HashSet<string> SecretCarriers = new(StringComparer.Ordinal)
    {
        "JSON.stringify", "String", "toString", "concat", "join", "trim", "replace", "slice", "substring", "toLowerCase", "toUpperCase", "split",
        "Object.entries", "Object.assign", "Object.fromEntries", "Object.values", "structuredClone", "Buffer.from", "btoa", "map", "filter", "entries", "values", "get",
    };

    private static bool IsHttpCall(string name, string method, SyntaxNode? receiverNode) =>
        (receiverNode is null && name is "fetch" or "axios" or "got" or "request" or "needle" or "undici.request")
        || (receiverNode is not null && HttpMethods.Contains(method) && receiverNode.Text is "axios" or "got" or "http" or "https" or "superagent" or "needle" or "ky" or "undici");

    /// <summary>The content of a plain string literal, or null.</summary>
    private static string? StringText(SyntaxNode node) => node.Type == "string"
        ? string.Concat(node.NamedChildren.Where(c => c.Type is "string_fragment" or "escape_sequence").Select(c => c.Text)) : null;

    /// <summary>An environment read (<c>process.env.X</c>): a secret-looking name, or a name the tool input chooses, carries <see cref="FlowLabel.Secret"/>.</summary>
    private Value EnvRead(SyntaxNode at, string? key, Value? chosen, Env env)
    {
        if (key is not null) return IsSecretName(key) ? Value.Unknown.WithLabel(FlowLabel.Secret, Step(at, $"secret environment variable `{key}`")) : Value.Unknown;
        return chosen?.IsTainted == true ? Value.Unknown.WithLabel(FlowLabel.Secret, Step(at, "an environment variable the tool input chooses")) : Value.Unknown;
    }


    protected override SyntaxNode? SameFileCallee(SyntaxNode call)
    {
        var callee = call.ChildByField("function");
        if (callee?.Type == "identifier" && Functions.TryGetValue(callee.Text, out var fn) && !FunctionTypes.Contains(fn.Parent?.Type ?? "")) return fn;
        if (callee?.Type == "member_expression" && callee.ChildByField("object")?.Type == "this" && Functions.TryGetValue(callee.ChildByField("property")!.Text, out var m)) return m;
        return null;
    }

    protected override Effect? EffectOf(SyntaxNode call)
    {
        if (call.Type != "call_expression" || call.ChildByField("function") is not { } callee) return null;
        var name = DottedName(callee) ?? "";
        if (callee.Type == "identifier" && ProcessAliases.TryGetValue(name, out var real)) name = real;
        var receiverNode = callee.Type == "member_expression" ? callee.ChildByField("object") : null;
        var method = receiverNode is not null ? callee.ChildByField("property")!.Text : name;
        var receiverText = receiverNode?.Text ?? "";
        var args = call.ChildByField("arguments")?.NamedChildren.Where(a => a.Type != "comment").ToList() ?? [];
        bool childProcess = receiverNode is null || receiverText is "child_process" or "cp" or "childProcess" || receiverText.Contains("child", StringComparison.OrdinalIgnoreCase);
        bool fs = receiverNode is null || receiverText is "fs" or "fsp" or "fsPromises" or "promises" or "fs.promises" or "fse";
        if ((ShellFunctions.Contains(method) || SpawnFunctions.Contains(method)) && childProcess && args.Count > 0)
            return new Effect(call, EffectKind.Executes, $"runs a command (`{name}`)");
        if (fs && method is "unlink" or "unlinkSync" or "rm" or "rmSync" or "rmdir" or "rmdirSync" or "remove" or "removeSync" && (receiverNode is not null || method.StartsWith("unlink", StringComparison.Ordinal)))
            return new Effect(call, EffectKind.DeletesFile, $"deletes files (`{name}`)");
        if (fs && method is "writeFile" or "writeFileSync" or "appendFile" or "appendFileSync" or "mkdir" or "mkdirSync" or "rename" or "renameSync"
            or "copyFile" or "copyFileSync" or "createWriteStream" or "chmod" or "chmodSync" or "symlink" or "outputFile" or "cp" or "cpSync"
            && (receiverNode is not null || method.StartsWith("write", StringComparison.Ordinal) || method.StartsWith("append", StringComparison.Ordinal)))
            return new Effect(call, EffectKind.WritesFile, $"writes to the file system (`{name}`)");
        if (fs && method is "readFile" or "readFileSync" or "readdir" or "readdirSync" or "createReadStream" && (receiverNode is not null || method.StartsWith("read", StringComparison.Ordinal)))
            return new Effect(call, EffectKind.ReadsFile, $"reads files (`{name}`)");
        if (IsHttpCall(name, method, receiverNode))
        {
            string verb = receiverNode is not null ? method.ToUpperInvariant() : "GET";
            foreach (var obj in args.Where(a => a.Type == "object"))
            {
                var m = obj.NamedChildren.FirstOrDefault(p => p.Type == "pair" && p.ChildByField("key")?.Text.Trim('"', '\'') == "method")?.ChildByField("value");
                if (m is not null) verb = (StringText(m) ?? "POST").ToUpperInvariant();
            }
            if (verb is "GET" or "HEAD" or "OPTIONS") return new Effect(call, EffectKind.FetchesUrl, $"fetches a URL (`{name}`)");
            return new Effect(call, EffectKind.SendsRequest, $"sends an HTTP {verb} request (`{name}`)");
        }
        if (receiverNode is not null && method is "sendMail" or "send" && receiverText.Contains("transport", StringComparison.OrdinalIgnoreCase) || name is "sgMail.send")
            return new Effect(call, EffectKind.SendsMail, $"sends e-mail (`{name}`)");
        if (receiverNode is not null && method is "query" or "execute" or "exec" or "run" or "prepare" or "all" or "get" && args.Count > 0
            && (method is "query" or "execute" || receiverText.Contains("db", StringComparison.OrdinalIgnoreCase) || receiverText.Contains("sql", StringComparison.OrdinalIgnoreCase) || receiverText.Contains("conn", StringComparison.OrdinalIgnoreCase) || receiverText.Contains("pool", StringComparison.OrdinalIgnoreCase)))
        {
            var verb = PythonAnalyzer.SqlVerb(LiteralPrefix(args[0]));
            if (verb is "INSERT" or "UPDATE" or "DELETE" or "DROP" or "CREATE" or "ALTER" or "TRUNCATE" or "REPLACE" or "MERGE" or "GRANT" or "REVOKE" or "UPSERT")
                return new Effect(call, EffectKind.WritesDatabase, $"writes to the database (`{verb} …`)");
            if (verb is not null) return new Effect(call, EffectKind.ReadsDatabase, $"queries the database (`.{method}()`)");
        }
        return null;
    }

    /// <summary>The literal text an expression starts with (a string, a template up to its first substitution, the
    /// left-most operand of a concatenation).</summary>
    private static string? LiteralPrefix(SyntaxNode e) => e.Type switch
    {
        "string" => string.Concat(e.NamedChildren.Where(c => c.Type is "string_fragment" or "escape_sequence").Select(c => c.Text)),
        "template_string" => string.Concat(e.NamedChildren.TakeWhile(c => c.Type != "template_substitution").Where(c => c.Type is "string_fragment" or "escape_sequence").Select(c => c.Text)),
        "binary_expression" => e.ChildByField("left") is { } left ? LiteralPrefix(left) : null,
        "parenthesized_expression" => e.NamedChildren.FirstOrDefault() is { } inner ? LiteralPrefix(inner) : null,
        _ => null,
    };

    private void CheckSinks(SyntaxNode call, string name, string method, SyntaxNode? receiverNode, Value receiver,
        List<(SyntaxNode Node, Value Value)> args, bool isNew, Env env)
    {
        if (receiverNode is null && ProcessAliases.TryGetValue(name, out var real)) (name, method) = (real, real); // execAsync = promisify(exec)
        Value Arg(int i) => i < args.Count ? args[i].Value : Value.Constant;
        string receiverText = receiverNode?.Text ?? "";
        bool childProcess = receiverNode is null || receiverText is "child_process" or "cp" or "childProcess" || receiverText.Contains("child", StringComparison.OrdinalIgnoreCase);

        if (ShellFunctions.Contains(method) && childProcess && args.Count > 0)
        {
            Sink(call, TaintRules.Command, Arg(0), $"a shell command (`{name}`)");
        }
        else if (SpawnFunctions.Contains(method) && childProcess && args.Count > 0)
        {
            bool shell = args.Skip(1).Any(a => a.Node.Type == "object" && a.Node.NamedChildren.Any(p => p.Type == "pair" && p.ChildByField("key")?.Text == "shell" && p.ChildByField("value")?.Text != "false"));
            var value = shell ? Value.Join(args.Where(a => a.Node.Type != "object").Select(a => a.Value)) : Arg(0);
            Sink(call, TaintRules.Command, value, shell ? $"a shell command (`{name}` with shell: true)" : $"the program run by `{name}`");
        }
        else if ((name is "eval" or "Function" || (isNew && name == "Function")) && args.Count > 0)
        {
            Sink(call, TaintRules.Code, name == "Function" ? Value.Join(args.Select(a => a.Value)) : Arg(0), $"code evaluation (`{(isNew ? "new " : "")}{name}`)");
        }
        else if (receiverText == "vm" && method is "runInNewContext" or "runInThisContext" or "runInContext" or "Script" or "compileFunction")
        {
            Sink(call, TaintRules.Code, Arg(0), $"code evaluation (`{name}`)");
        }
        else if (FsFunctions.Contains(method) && (receiverNode is null || receiverText is "fs" or "fsp" or "fsPromises" or "promises" or "fs.promises" or "fse" or "res"))
        {
            var value = method is "copyFile" or "copyFileSync" or "rename" or "renameSync" ? Value.Join(Arg(0), Arg(1)) : Arg(0);
            if (!(receiverNode is null && method is "open" or "stat" or "access" or "download" or "rm")) Sink(call, TaintRules.Path, value, $"a file path (`{name}`)");
        }
        else if (receiverNode is null && name is "fetch" or "axios" or "got" or "request" or "needle" && args.Count > 0)
        {
            Sink(call, TaintRules.Ssrf, UrlValue(Arg(0)), $"an outgoing request URL (`{name}`)");
        }
        else if (receiverNode is not null && HttpMethods.Contains(method) && receiverText is "axios" or "got" or "http" or "https" or "superagent" or "needle" or "ky" && args.Count > 0)
        {
            Sink(call, TaintRules.Ssrf, UrlValue(Arg(0)), $"an outgoing request URL (`{name}`)");
        }
        else if (receiverNode is not null && method is "query" or "execute" or "raw" or "$queryRawUnsafe" or "$executeRawUnsafe" or "exec" or "prepare" or "all" or "run" && args.Count > 0
            && (method is "query" or "execute" or "raw" or "$queryRawUnsafe" or "$executeRawUnsafe" || receiverText.Contains("db", StringComparison.OrdinalIgnoreCase) || receiverText.Contains("sql", StringComparison.OrdinalIgnoreCase) || receiverText.Contains("conn", StringComparison.OrdinalIgnoreCase))
            && receiverNode.Type != "regex")
        {
            Sink(call, TaintRules.Sql, Arg(0), $"SQL text (`.{method}()`)");
        }
        else if (name is "unserialize" or "serialize.unserialize" or "v8.deserialize" or "yaml.unsafeLoad" && args.Count > 0)
        {
            Sink(call, TaintRules.Deserialization, Arg(0), $"unsafe deserialization (`{name}`)");
        }
    }
}
