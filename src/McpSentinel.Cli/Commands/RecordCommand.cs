using System.CommandLine;
using McpSentinel.Core.Scanning;
using McpSentinel.Core.Surface;

namespace McpSentinel.Cli.Commands;

/// <summary><c>mcp-sentinel record --output snap.json -- COMMAND ARGS…</c> (or a URL): connect to a live server and write
/// its surface as a versioned JSON snapshot that <c>scan</c> and <c>pin</c> read offline.</summary>
public static class RecordCommand
{
    public static Command Create(CliConsole console)
    {
        var live = new LiveInputs();
        var server = new Argument<string[]>("server") { Description = "The live server: an http(s) URL, or a stdio command after '--'.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Snapshot file to write.", Required = true };
        var append = new Option<bool>("--append") { Description = "Add the server to an existing snapshot (replacing a server of the same name) instead of overwriting it." };
        var command = new Command("record", "Record the live surface of an MCP server (tools, prompts, resources, instructions) to a JSON snapshot. Tools are never called.");
        command.Arguments.Add(server);
        live.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(append);
        command.SetAction(parse =>
        {
            var path = Path.GetFullPath(Path.Combine(console.WorkingDirectory, parse.GetValue(output)!));
            var existing = new List<ServerSurface>();
            if (parse.GetValue(append) && File.Exists(path))
            {
                var (old, error) = SurfaceSnapshot.Parse(File.ReadAllText(path));
                if (old is null) throw new UsageException($"--append: {path}: {error}");
                existing.AddRange(old.Servers);
            }
            var probe = live.Probe(parse, parse.GetValue(server) ?? [], console);
            if (probe.Surface is not { } surface)
            {
                console.Error.WriteLine("error: " + LiveInputs.Diagnostic(probe).Message);
                return ExitCodes.Incomplete;
            }
            existing.RemoveAll(s => s.Name == surface.Name);
            existing.Add(surface);
            var snapshot = new SurfaceSnapshot { ToolVersion = Scanner.ToolVersion, RecordedAt = DateTimeOffset.UtcNow, Servers = existing };
            try { File.WriteAllText(path, snapshot.ToJson()); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw new UsageException($"cannot write {path}: {ex.Message}"); }
            console.Out.WriteLine($"recorded {LiveInputs.Describe(surface)} to {path}");
            foreach (var limit in surface.Limits) console.Error.WriteLine("warning: " + limit);
            return surface.Limits.Any(l => l.Contains("cap", StringComparison.Ordinal)) ? ExitCodes.Incomplete : ExitCodes.Clean;
        });
        return command;
    }
}
