using System.CommandLine;
using System.Globalization;
using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Core.Surface;
using McpSentinel.Live;

namespace McpSentinel.Cli.Commands;

/// <summary>The options that reach a live server (<c>scan --live</c>, <c>record</c>, <c>pin --live</c>) and the probe
/// that runs them. The server is given as the command's arguments: a URL, or <c>-- COMMAND ARGS…</c>.</summary>
public sealed class LiveInputs
{
    public Option<bool> Live { get; } = new("--live") { Description = "The targets are live servers: http(s) URLs, and/or a stdio command after '--' (e.g. --live -- npx -y @scope/server); separate several stdio servers with '---'. With --discover, also every server of the discovered configurations." };
    public Option<string[]> Identities { get; } = new("--identities") { Description = "Connect to each live server as these clients (clientInfo NAME or NAME/VERSION, comma-separated or repeated) and report a server that shows them different surfaces (MCP-PIN-007)." };
    public Option<string?> Name { get; } = new("--name") { Description = "Name of the live server in findings (server:NAME/...); default: the server's own name." };
    public Option<string[]> Header { get; } = new("--header") { Description = "HTTP header for a live URL, 'Name: value' (repeatable; values are masked in all output)." };
    public Option<string[]> Env { get; } = new("--env") { Description = "Environment variable for a live stdio server, KEY=VALUE (repeatable). Nothing else is inherited but PATH and HOME." };
    public Option<bool> Sandbox { get; } = new("--sandbox") { Description = "Run a live stdio server under bubblewrap (bwrap) with no network and a read-only file system; fails if bwrap is not installed." };
    public Option<int?> Timeout { get; } = new("--timeout") { Description = "Seconds to wait for a live server to connect, initialise and answer each listing (default 20)." };

    /// <param name="several">True for <c>scan</c>: several servers and client identities per invocation.</param>
    public void AddTo(Command command, bool several = false)
    {
        foreach (var option in new Option[] { Live, Name, Header, Env, Sandbox, Timeout }) command.Options.Add(option);
        if (several) command.Options.Add(Identities);
    }

    public bool IsLive(ParseResult parse) => parse.GetValue(Live);

    /// <summary>Rejects live-only flags without --live (when <paramref name="liveImplied"/> is false).</summary>
    public void Validate(ParseResult parse, bool liveImplied = false)
    {
        if (liveImplied || IsLive(parse)) return;
        foreach (var (option, given) in new (Option, bool)[] { (Identities, (parse.GetValue(Identities)?.Length ?? 0) > 0), (Header, (parse.GetValue(Header)?.Length ?? 0) > 0), (Env, (parse.GetValue(Env)?.Length ?? 0) > 0), (Sandbox, parse.GetValue(Sandbox)), (Timeout, parse.GetValue(Timeout) is not null), (Name, parse.GetValue(Name) is not null) })
        {
            if (given) throw new UsageException($"{option.Name} applies to live servers only (add --live)");
        }
    }

    public LiveLimits Limits(ParseResult parse)
    {
        var seconds = parse.GetValue(Timeout) ?? 20;
        if (seconds is < 1 or > 3600) throw new UsageException("--timeout must be between 1 and 3600 seconds");
        return new LiveLimits { Timeout = TimeSpan.FromSeconds(seconds) };
    }

    public LiveTarget Target(ParseResult parse, IReadOnlyList<string> tokens, CliConsole console)
    {
        try
        {
            if (tokens.Contains(LiveTarget.ServerSeparator) || (tokens.Count > 1 && Uri.TryCreate(tokens[0], UriKind.Absolute, out var first) && first.Scheme.StartsWith("http", StringComparison.Ordinal)))
                throw new UsageException("this command takes one live server (scan --live takes several)");
            var target = LiveTarget.Parse(tokens) with
            {
                Name = parse.GetValue(Name),
                Headers = (parse.GetValue(Header) ?? []).Select(LiveTarget.ParseHeader).ToArray(),
                Environment = (parse.GetValue(Env) ?? []).Select(LiveTarget.ParseEnvironment).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value),
                Sandbox = parse.GetValue(Sandbox),
                WorkingDirectory = console.WorkingDirectory,
            };
            if (target.IsHttp && (target.Environment.Count > 0 || target.Sandbox)) throw new UsageException("--env and --sandbox apply to stdio servers, not to a URL");
            if (!target.IsHttp && target.Headers.Count > 0) throw new UsageException("--header applies to a URL, not to a stdio command");
            return target;
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    /// <summary>The servers given on the command line of <c>scan --live</c>: URLs and stdio commands (separated by
    /// <c>---</c>); <c>--header</c> goes to every URL, <c>--env</c> and <c>--sandbox</c> to every command, <c>--name</c> only
    /// when there is one server.</summary>
    public IReadOnlyList<PlannedServer> Plan(ParseResult parse, IReadOnlyList<string> tokens, CliConsole console)
    {
        if (tokens.Count == 0) return [];
        try
        {
            var targets = LiveTarget.ParseMany(tokens);
            if (targets.Count > 1 && parse.GetValue(Name) is not null) throw new UsageException("--name applies to one live server; with several, each is named after what it reports");
            var headers = (parse.GetValue(Header) ?? []).Select(LiveTarget.ParseHeader).ToArray();
            var env = (parse.GetValue(Env) ?? []).Select(LiveTarget.ParseEnvironment).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);
            if (headers.Length > 0 && targets.All(t => !t.IsHttp)) throw new UsageException("--header applies to a URL, not to a stdio command");
            if ((env.Count > 0 || parse.GetValue(Sandbox)) && targets.All(t => t.IsHttp)) throw new UsageException("--env and --sandbox apply to stdio servers, not to a URL");
            return targets.Select(t =>
            {
                var target = t with
                {
                    Name = parse.GetValue(Name),
                    Headers = t.IsHttp ? headers : [],
                    Environment = t.IsHttp ? new Dictionary<string, string>() : env,
                    Sandbox = !t.IsHttp && parse.GetValue(Sandbox),
                    WorkingDirectory = console.WorkingDirectory,
                };
                return new PlannedServer(target.DefaultName, target, Display(target), null, NeedsConfirmation: false);
            }).ToArray();
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    /// <summary>How a server is shown in prompts and the coverage table: the masked command or URL, and the names (never
    /// the values) of the environment variables and headers it gets.</summary>
    public static string Display(LiveTarget target)
    {
        var identity = target.Identity();
        var names = target.IsHttp ? identity.HeaderNames.Select(h => "header " + h) : identity.EnvironmentNames.Select(e => "env " + e);
        var extra = string.Join(", ", names);
        return Masker.MaskText((target.IsHttp ? identity.Url! : identity.Display) + (extra.Length > 0 ? $" ({extra})" : ""));
    }

    /// <summary>Masks credentials a secret rule recognises anywhere in a display string (a token given as a bare argument).</summary>
    internal static string Mask(string text) => Masker.MaskText(text);

    private static readonly Core.Configs.ConfigSecretDetector Masker = new(null);

    /// <summary>Probes every planned server (see <see cref="LiveServerCollector"/>).</summary>
    public LiveCollection Collect(ParseResult parse, IReadOnlyList<PlannedServer> servers, CliConsole console, bool quiet, bool assumeYes)
    {
        var identities = LiveServerCollector.ParseIdentities(parse.GetValue(Identities) ?? []);
        return new LiveServerCollector(console, Limits(parse), quiet, identities).Collect(servers, assumeYes);
    }

    /// <summary>The scan options for the collected live servers: their surfaces, the failures' incomplete diagnostics, the coverage.</summary>
    public static ScanOptions Apply(ScanOptions options, LiveCollection collection) => options with
    {
        Targets = [],
        Surfaces = collection.Surfaces,
        CollectorDiagnostics = collection.Diagnostics,
        LiveCoverage = collection.Coverage,
        IdentityViews = collection.IdentityViews,
    };

    /// <summary>Connects to the server and reads its surface; a server that fails is a result, not an exception.</summary>
    public ProbeResult Probe(ParseResult parse, IReadOnlyList<string> tokens, CliConsole console, bool quiet = false)
    {
        var target = Target(parse, tokens, console);
        if (!quiet)
        {
            var where = target.IsHttp ? target.Identity().Url : target.Identity().Display;
            console.Error.WriteLine($"mcp-sentinel: connecting to {where}{(target.Sandbox ? " (sandboxed: bubblewrap, no network)" : "")}");
        }
        try
        {
            return LiveProbe.ProbeAsync(target, Limits(parse), console.Cancellation).GetAwaiter().GetResult();
        }
        catch (SandboxUnavailableException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    public static ScanDiagnostic Diagnostic(ProbeResult probe) => new("server:" + probe.Name, "live server could not be scanned: " + FailureReason(probe), Incomplete: true);

    /// <summary>Why a probe failed, with the (masked) tail of the server's stderr.</summary>
    public static string FailureReason(ProbeResult probe) =>
        probe.Failure + (probe.StderrTail.Count > 0 && !probe.Failure!.Contains(probe.StderrTail[^1], StringComparison.Ordinal) ? "; stderr (last lines): " + string.Join(" | ", probe.StderrTail.TakeLast(5)) : "");

    public static string Describe(ServerSurface s) => string.Format(CultureInfo.InvariantCulture,
        "{0}: {1} tool(s), {2} prompt(s), {3} resource(s), {4} resource template(s)", s.Name, s.Tools.Count, s.Prompts.Count, s.Resources.Count, s.ResourceTemplates.Count);

    /// <summary>Reads a lock file given with --lock; usage error when missing or malformed.</summary>
    public static SurfaceLock LoadLock(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"lock file not found: {path}");
        var (parsed, error) = SurfaceLock.Parse(File.ReadAllText(path));
        return parsed ?? throw new UsageException($"{path}: {error}");
    }
}
