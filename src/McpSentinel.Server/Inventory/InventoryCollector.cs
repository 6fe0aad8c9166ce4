using System.Security.Cryptography;
using System.Text;
using McpSentinel.Core.Configs;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Surface;
using McpSentinel.Storage.Stores;

namespace McpSentinel.Server.Inventory;

/// <summary>Finds the MCP servers a scanned target declares: servers in client configuration files of the tree (the same
/// discovery as the CLI's config audit, project locations only) and servers described by a scanned snapshot. Every
/// command line and URL is masked before it leaves this class; environment and header values are never taken.</summary>
public sealed class InventoryCollector(RuleSet rules)
{
    private readonly ConfigSecretDetector _secrets = new(rules);

    public IReadOnlyList<ServerSighting> Collect(string target, CancellationToken cancellationToken)
    {
        var sightings = new List<ServerSighting>();
        if (Directory.Exists(target))
        {
            // Home points nowhere on purpose: only the scanned tree counts, never the worker's own user configuration.
            var found = ConfigDiscovery.Discover(new ConfigDiscoveryOptions { Home = Path.Combine(target, ".mcp-sentinel-no-home-" + Guid.NewGuid().ToString("N")), Root = target }, cancellationToken: cancellationToken);
            foreach (var config in found.Configs)
            {
                foreach (var server in config.Config.Servers) sightings.Add(FromConfig(config.Config.Path, server));
            }
        }
        else if (File.Exists(target) && SurfaceSnapshot.LooksLikeSnapshot(target))
        {
            string json;
            try { json = File.ReadAllText(target); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return sightings; } // the scan itself reports the file
            var (snapshot, _) = SurfaceSnapshot.Parse(json);
            if (snapshot is not null)
            {
                var engine = new SurfaceEngine(rules);
                foreach (var server in snapshot.Servers) sightings.Add(FromSnapshot(server, engine));
            }
        }
        return sightings;
    }

    private ServerSighting FromConfig(string file, McpServerEntry server)
    {
        var command = server.EffectiveCommand ?? server.Command;
        var args = (server.EffectiveCommand is not null ? server.EffectiveArgs : server.Args).Select(a => a.Text).ToList();
        string? commandLine = command is null ? null : Mask(string.Join(' ', new[] { command.Text }.Concat(args)));
        string? url = server.Url is null ? null : Mask(server.Url.Text);
        var (package, version) = PackageOf(server.Launcher, args);
        if (package is not null) package = Mask(package);
        if (version is not null) version = Mask(version);
        var scope = server.Scope is null ? "" : "/" + server.Scope;
        return new ServerSighting($"config:{file}{scope}#{server.Name}", "config", server.Name, Hash(server.Launcher, commandLine, url, package, version))
        {
            Launcher = server.Launcher, Command = commandLine, Url = url, Package = package, Version = version,
            Transport = server.Transport, SourceFile = file, SourceLine = server.Line,
        };
    }

    private ServerSighting FromSnapshot(ServerSurface server, SurfaceEngine engine)
    {
        var pin = ServerPin.Of(server, engine);
        var launcher = server.Launcher;
        string? commandLine = launcher.Command is null ? null : Mask(string.Join(' ', new[] { launcher.Command }.Concat(launcher.Arguments)));
        return new ServerSighting("snapshot:" + server.Name, "snapshot", server.Name, pin.Launcher)
        {
            Command = commandLine, Url = launcher.Url is null ? null : Mask(launcher.Url), Transport = launcher.Transport,
            Package = server.ServerName is null ? null : Mask(server.ServerName), Version = server.ServerVersion is null ? null : Mask(server.ServerVersion),
            SurfaceHash = pin.Surface,
        };
    }

    private string Mask(string text) => _secrets.MaskText(text);

    private static string Hash(params string?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts.Select(p => p ?? "\0")))));

    /// <summary>The package (or image) and its version from a launcher's arguments: npx/uvx take the first non-option
    /// argument (or -p/--from), docker the first non-option argument after <c>run</c>.</summary>
    internal static (string? Package, string? Version) PackageOf(string launcher, IReadOnlyList<string> args)
    {
        string? spec = null;
        if (launcher is Launchers.Npx or Launchers.Uvx or Launchers.Docker)
        {
            int start = 0;
            if (launcher == Launchers.Docker)
            {
                start = args.ToList().IndexOf("run") + 1;
                if (start == 0) return (null, null);
            }
            for (int i = start; i < args.Count; i++)
            {
                var a = args[i];
                if (launcher != Launchers.Docker && a is "-p" or "--package" or "--from") { spec = i + 1 < args.Count ? args[i + 1] : null; break; }
                if (a.StartsWith('-'))
                {
                    // docker options that take a value: skip it too
                    if (launcher == Launchers.Docker && a is "-e" or "--env" or "-v" or "--volume" or "--name" or "-p" or "--network" or "--env-file" or "-w" or "--user" or "-u") i++;
                    continue;
                }
                spec = a;
                break;
            }
        }
        if (spec is null) return (null, null);
        if (launcher == Launchers.Docker)
        {
            int at = spec.IndexOf('@', StringComparison.Ordinal);
            if (at > 0) return (spec[..at], spec[(at + 1)..]);
            int colon = spec.LastIndexOf(':');
            return colon > spec.LastIndexOf('/') && colon > 0 ? (spec[..colon], spec[(colon + 1)..]) : (spec, null);
        }
        if (launcher == Launchers.Uvx)
        {
            int eq = spec.IndexOf("==", StringComparison.Ordinal);
            if (eq > 0) return (spec[..eq], spec[(eq + 2)..]);
            int at = spec.IndexOf('@', StringComparison.Ordinal);
            return at > 0 ? (spec[..at], spec[(at + 1)..]) : (spec, null);
        }
        int v = spec.LastIndexOf('@');
        return v > 0 ? (spec[..v], spec[(v + 1)..]) : (spec, null);
    }
}
