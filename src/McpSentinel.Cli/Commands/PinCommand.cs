using System.CommandLine;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Surface;

namespace McpSentinel.Cli.Commands;

/// <summary><c>mcp-sentinel pin [snapshot.json…] | --live SERVER [--lock FILE]</c>: write canonical SHA-256 hashes of each
/// server's surface and launcher to a lock file; <c>scan --lock FILE</c> then reports every change (rug pulls).</summary>
public static class PinCommand
{
    public const string DefaultLock = "mcp-sentinel.lock.json";

    public static Command Create(CliConsole console)
    {
        var live = new LiveInputs();
        var targets = new Argument<string[]>("target") { Description = "Snapshot files (from 'record'), or with --live the server: a URL or a stdio command after '--'.", Arity = ArgumentArity.OneOrMore };
        var lockOption = new Option<string>("--lock") { Description = "Lock file to write (servers already in it and not pinned now are kept).", DefaultValueFactory = _ => DefaultLock };
        var command = new Command("pin", "Pin the surface of MCP servers (hashes of tools, prompts, resources, instructions and the launcher) in a lock file.");
        command.Arguments.Add(targets);
        live.AddTo(command);
        command.Options.Add(lockOption);
        command.SetAction(parse =>
        {
            live.Validate(parse);
            var tokens = parse.GetValue(targets) ?? [];
            var surfaces = new List<ServerSurface>();
            if (live.IsLive(parse))
            {
                var probe = live.Probe(parse, tokens, console);
                if (probe.Surface is null)
                {
                    console.Error.WriteLine("error: " + LiveInputs.Diagnostic(probe).Message);
                    return ExitCodes.Incomplete;
                }
                surfaces.Add(probe.Surface);
            }
            else
            {
                foreach (var token in tokens)
                {
                    var path = Path.GetFullPath(Path.Combine(console.WorkingDirectory, token));
                    if (!File.Exists(path)) throw new UsageException($"snapshot not found: {path} (to pin a live server, add --live)");
                    var (snapshot, error) = SurfaceSnapshot.Parse(File.ReadAllText(path));
                    if (snapshot is null) throw new UsageException($"{path}: {error}");
                    surfaces.AddRange(snapshot.Servers);
                }
            }
            var lockPath = Path.GetFullPath(Path.Combine(console.WorkingDirectory, parse.GetValue(lockOption)!));
            var existing = File.Exists(lockPath) ? LiveInputs.LoadLock(lockPath) : null;
            var engine = new SurfaceEngine(new RuleSet(RuleCatalog.BuiltinRules.Rules));
            var pinned = SurfaceLock.Create(surfaces, engine, DateTimeOffset.UtcNow);
            if (existing is not null)
            {
                foreach (var (name, pin) in existing.Servers.Where(kv => !pinned.Servers.ContainsKey(kv.Key))) pinned.Servers[name] = pin;
            }
            try { File.WriteAllText(lockPath, pinned.ToJson()); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw new UsageException($"cannot write {lockPath}: {ex.Message}"); }
            foreach (var s in surfaces) console.Out.WriteLine($"pinned {LiveInputs.Describe(s)}");
            console.Out.WriteLine($"lock file written: {lockPath}");
            return ExitCodes.Clean;
        });
        return command;
    }
}
