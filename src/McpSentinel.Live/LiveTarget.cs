using System.Text.RegularExpressions;
using McpSentinel.Core.Surface;
using McpSentinel.Core.Text;

namespace McpSentinel.Live;

/// <summary>A server to probe: a stdio command (launched with a minimal environment, optionally under bubblewrap) or
/// an HTTP endpoint (streamable HTTP with SSE fallback) with extra headers.</summary>
public sealed record LiveTarget
{
    /// <summary>The stdio command and its arguments; null for HTTP.</summary>
    public IReadOnlyList<string>? Command { get; init; }
    public Uri? Url { get; init; }
    /// <summary>Name used in findings (server:NAME/…); when null, the server's own name or the command's file name.</summary>
    public string? Name { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    /// <summary>Extra environment variables for a stdio server (on top of PATH and HOME).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public bool Sandbox { get; init; }
    /// <summary>Follow HTTP redirects (the CLI does); the team server turns this off so that an allowed host cannot
    /// redirect the probe, with its headers, to a host that is not allowed.</summary>
    public bool FollowRedirects { get; init; } = true;
    public string? WorkingDirectory { get; init; }

    /// <summary>The clientInfo sent in <c>initialize</c> (a server may show different clients different surfaces).</summary>
    public string ClientName { get; init; } = "mcp-sentinel";
    public string ClientVersion { get; init; } = Core.Scanning.Scanner.ToolVersion;

    public bool IsHttp => Url is not null;

    /// <summary>The separator between two stdio servers in one <c>--live</c> invocation: <c>-- node a.js --- node b.js</c>.</summary>
    public const string ServerSeparator = "---";

    /// <summary>Parses the target tokens of one or more servers: the tokens are split at <see cref="ServerSeparator"/>; in
    /// each group, leading http(s) URLs are one server each and what follows them is one stdio command with its arguments.</summary>
    public static IReadOnlyList<LiveTarget> ParseMany(IReadOnlyList<string> tokens)
    {
        if (tokens.Count == 0) throw new ArgumentException("--live needs a server: a URL, or -- COMMAND ARGS…");
        var targets = new List<LiveTarget>();
        var group = new List<string>();
        foreach (var token in tokens.Append(ServerSeparator))
        {
            if (token != ServerSeparator)
            {
                group.Add(token);
                continue;
            }
            if (group.Count == 0) throw new ArgumentException($"--live: '{ServerSeparator}' must separate two servers (an empty server was given)");
            int urls = 0;
            while (urls < group.Count && IsHttpUrl(group[urls], out _)) urls++;
            foreach (var url in group.Take(urls)) targets.Add(Parse([url]));
            if (urls < group.Count) targets.Add(new LiveTarget { Command = group.Skip(urls).ToArray() });
            group.Clear();
        }
        return targets;
    }

    private static bool IsHttpUrl(string token, out Uri? uri) =>
        Uri.TryCreate(token, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Parses the target tokens: one http(s) URL, or a command with its arguments.</summary>
    public static LiveTarget Parse(IReadOnlyList<string> tokens)
    {
        if (tokens.Count == 0) throw new ArgumentException("--live needs a server: a URL, or -- COMMAND ARGS…");
        if (tokens.Count == 1 && Uri.TryCreate(tokens[0], UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return new LiveTarget { Url = uri };
        }
        return new LiveTarget { Command = tokens.ToArray() };
    }

    /// <summary>Parses <c>Name: value</c>.</summary>
    public static KeyValuePair<string, string> ParseHeader(string header)
    {
        int colon = header.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || header[..colon].Trim().Length == 0 || header[..colon].Any(char.IsWhiteSpace))
            throw new ArgumentException($"--header expects 'Name: value' (got a value without a name: {SecretMask.Mask(header)})");
        return new(header[..colon].Trim(), header[(colon + 1)..].Trim());
    }

    /// <summary>Parses <c>KEY=VALUE</c>.</summary>
    public static KeyValuePair<string, string> ParseEnvironment(string assignment)
    {
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new ArgumentException($"--env expects KEY=VALUE (got '{SecretMask.Mask(assignment)}')");
        return new(assignment[..eq], assignment[(eq + 1)..]);
    }

    /// <summary>A default name before the server answers: the command's file name or the URL's host and port.</summary>
    public string DefaultName => Name ?? (Url is not null ? $"{Url.Host}:{Url.Port}" : Path.GetFileNameWithoutExtension(ScriptOrCommand()));

    private string ScriptOrCommand()
    {
        var cmd = Command!;
        // "node server.js" / "python -m pkg" / "npx -y @scope/pkg": the script or package says more than the interpreter
        var interesting = cmd.Skip(1).FirstOrDefault(a => !a.StartsWith('-') && (a.Contains('/') || a.Contains('.') || a.StartsWith('@')));
        return interesting is not null && Path.GetFileName(cmd[0]) is "node" or "python" or "python3" or "npx" or "uvx" or "deno" or "bun" or "dotnet" ? interesting.TrimEnd('/') : cmd[0];
    }

    /// <summary>The launcher identity kept in snapshots and lock files: secret-looking argument values, URL
    /// credentials and query secrets masked; header and environment values never kept.</summary>
    public LauncherIdentity Identity() => IsHttp
        ? new LauncherIdentity { Transport = "http", Url = MaskUrl(Url!.ToString()), HeaderNames = Headers.Select(h => h.Key).Order(StringComparer.OrdinalIgnoreCase).ToArray() }
        : new LauncherIdentity
        {
            Transport = "stdio",
            Command = Command![0],
            Arguments = MaskArguments(Command.Skip(1).ToArray()),
            EnvironmentNames = Environment.Keys.Order(StringComparer.Ordinal).ToArray(),
        };

    private static readonly Regex SecretName = new("(?i)(token|secret|passw(or)?d|api[-_]?key|auth|credential|private[-_]?key|access[-_]?key)", RegexOptions.NonBacktracking);

    internal static string[] MaskArguments(IReadOnlyList<string> args)
    {
        var result = new string[args.Count];
        for (int i = 0; i < args.Count; i++)
        {
            var a = args[i];
            int eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && SecretName.IsMatch(a[..eq])) result[i] = string.Concat(a.AsSpan(0, eq + 1), SecretMask.Mask(a.AsSpan(eq + 1)));
            else if (i > 0 && args[i - 1].StartsWith('-') && !args[i - 1].Contains('=', StringComparison.Ordinal) && SecretName.IsMatch(args[i - 1]) && !a.StartsWith('-')) result[i] = SecretMask.Mask(a);
            else result[i] = a.Contains("://", StringComparison.Ordinal) ? MaskUrl(a) : a;
        }
        return result;
    }

    internal static string MaskUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return url;
        var builder = new UriBuilder(uri);
        if (builder.Password.Length > 0) builder.Password = "****";
        if (builder.Query.Length > 1)
        {
            var parts = builder.Query.TrimStart('?').Split('&').Select(p =>
            {
                int eq = p.IndexOf('=', StringComparison.Ordinal);
                return eq > 0 && SecretName.IsMatch(p[..eq]) ? p[..(eq + 1)] + SecretMask.Mask(Uri.UnescapeDataString(p[(eq + 1)..])) : p;
            });
            builder.Query = string.Join('&', parts);
        }
        return builder.Uri.ToString();
    }
}
