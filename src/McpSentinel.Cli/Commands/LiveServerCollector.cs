using System.Text.RegularExpressions;
using McpSentinel.Core.Model;
using McpSentinel.Core.Surface;
using McpSentinel.Live;

namespace McpSentinel.Cli.Commands;

/// <summary>
/// Reaches every planned live server in turn: asks for confirmation of configured servers (unless <c>--yes</c>; never waits
/// on a standard input that is not a terminal), probes each one (once per client identity with <c>--identities</c>), and
/// builds the coverage table — started, failed (why, with the masked stderr tail) or skipped (why) — for every server.
/// </summary>
public sealed class LiveServerCollector(CliConsole console, LiveLimits limits, bool quiet, IReadOnlyList<(string Name, string Version)> identities)
{
    private enum Answer { Yes, No, All, Quit, NoTerminal, EndOfInput }

    public LiveCollection Collect(IReadOnlyList<PlannedServer> servers, bool assumeYes)
    {
        var surfaces = new List<ServerSurface>();
        var diagnostics = new List<ScanDiagnostic>();
        var rows = new List<LiveServerStatus>();
        var failed = new List<LiveFailure>();
        var skipped = new List<LiveFailure>();
        var views = new Dictionary<string, IReadOnlyList<IdentityView>>(StringComparer.Ordinal);
        bool all = assumeYes, quit = false;

        foreach (var server in servers)
        {
            string? skip = server.SkipReason;
            if (skip is null && server.NeedsConfirmation && !all)
            {
                var answer = quit ? Answer.Quit : Ask(server);
                switch (answer)
                {
                    case Answer.All: all = true; break;
                    case Answer.Yes: break;
                    case Answer.Quit: quit = true; skip = "not launched: the user stopped the confirmations"; break;
                    case Answer.No: skip = "not launched: declined at the confirmation"; break;
                    case Answer.EndOfInput: skip = "not launched: no answer (end of input); pass --yes to launch configured servers"; break;
                    default: skip = "not launched: confirmation needed and standard input is not a terminal; pass --yes to launch configured servers"; break;
                }
            }
            if (skip is not null || server.Target is null)
            {
                skip ??= "nothing to launch";
                skipped.Add(new LiveFailure(server.Name, skip));
                // asked for (--live) but not launched for want of an answer: the scan did not cover it (exit 3); a server the
                // user declined or that is disabled is a decision, not a gap
                if (server.SkipReason is null && skip.Contains("--yes", StringComparison.Ordinal))
                    diagnostics.Add(new ScanDiagnostic("server:" + server.Name, "configured live server " + skip, Incomplete: true));
                rows.Add(new LiveServerStatus(server.Name, LiveServerStatus.Skipped, server.Display, server.Source, skip));
                continue;
            }

            var probe = Probe(server.Target, identities.Count > 0 ? identities[0] : null, server.Display);
            if (probe.Surface is not { } surface)
            {
                var diagnostic = LiveInputs.Diagnostic(probe);
                diagnostics.Add(diagnostic);
                failed.Add(new LiveFailure(probe.Name, probe.Failure!));
                rows.Add(new LiveServerStatus(probe.Name, LiveServerStatus.Failed, server.Display, server.Source, LiveInputs.FailureReason(probe)));
                continue;
            }
            surface = surface with { Name = Unique(surface.Name, surfaces) };
            surfaces.Add(surface);
            rows.Add(new LiveServerStatus(surface.Name, LiveServerStatus.Started, server.Display, server.Source, null));

            if (identities.Count > 1)
            {
                var seen = new List<IdentityView> { new(Label(identities[0]), surface) };
                foreach (var identity in identities.Skip(1))
                {
                    var other = Probe(server.Target with { Name = surface.Name }, identity, server.Display);
                    if (other.Surface is { } otherSurface) seen.Add(new IdentityView(Label(identity), otherSurface with { Name = surface.Name }));
                    else diagnostics.Add(new ScanDiagnostic("server:" + surface.Name,
                        $"connected as client '{Label(identity)}', the server could not be read, so its surface for that client was not compared: {other.Failure}", Incomplete: true));
                }
                views[surface.Name] = seen;
            }
        }
        var coverage = new LiveCoverage(servers.Count, surfaces.Count, failed) { Skipped = skipped, Servers = rows };
        return new LiveCollection(surfaces, diagnostics, coverage, views);
    }

    public static string Label((string Name, string Version) identity) => identity.Name + "/" + identity.Version;

    private ProbeResult Probe(LiveTarget target, (string Name, string Version)? identity, string display)
    {
        if (identity is { } id) target = target with { ClientName = id.Name, ClientVersion = id.Version };
        if (!quiet)
        {
            console.Error.WriteLine($"mcp-sentinel: connecting to {display}{(target.Sandbox ? " (sandboxed: bubblewrap, no network)" : "")}" +
                (identity is { } i ? $" as client '{Label(i)}'" : ""));
        }
        try
        {
            return LiveProbe.ProbeAsync(target, limits, console.Cancellation).GetAwaiter().GetResult();
        }
        catch (SandboxUnavailableException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private Answer Ask(PlannedServer server)
    {
        if (!console.InputIsTerminal) return Answer.NoTerminal;
        console.Error.WriteLine($"Launch the MCP server '{server.Name}'{(server.Source is null ? "" : $" declared in {server.Source}")}?");
        console.Error.WriteLine($"  {server.Display}");
        console.Error.Write("  [y]es, [n]o, [a]ll remaining, [q]uit confirming: ");
        console.Error.Flush();
        var line = console.In.ReadLine();
        if (line is null) return Answer.EndOfInput;
        return line.Trim().ToLowerInvariant() switch
        {
            "y" or "yes" => Answer.Yes,
            "a" or "all" => Answer.All,
            "q" or "quit" => Answer.Quit,
            _ => Answer.No,
        };
    }

    /// <summary>A server name not yet used in this scan (two servers that call themselves the same get -2, -3…).</summary>
    private static string Unique(string name, List<ServerSurface> taken)
    {
        if (taken.All(s => s.Name != name)) return name;
        for (int i = 2; ; i++)
        {
            var candidate = $"{name}-{i}";
            if (taken.All(s => s.Name != candidate)) return candidate;
        }
    }

    /// <summary>Parses <c>--identities NAME[/VERSION][,NAME…]</c>.</summary>
    public static IReadOnlyList<(string Name, string Version)> ParseIdentities(IEnumerable<string> values)
    {
        var result = new List<(string, string)>();
        foreach (var item in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            int slash = item.IndexOf('/', StringComparison.Ordinal);
            var name = slash < 0 ? item : item[..slash];
            var version = slash < 0 ? "1.0.0" : item[(slash + 1)..];
            if (!IdentityText().IsMatch(name) || !IdentityText().IsMatch(version)) throw new UsageException($"--identities: '{item}' is not NAME or NAME/VERSION (letters, digits, . _ - @ and spaces)");
            if (result.Contains((name, version))) continue;
            result.Add((name, version));
        }
        return result;
    }

    private static readonly Regex IdentityPattern = new("^[A-Za-z0-9 ._@-]{1,64}$", RegexOptions.None, TimeSpan.FromMilliseconds(100));

    private static Regex IdentityText() => IdentityPattern;
}
