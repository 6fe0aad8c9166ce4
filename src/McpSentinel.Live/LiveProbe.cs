using System.Text.RegularExpressions;
using McpSentinel.Core.Surface;
using McpSentinel.Core.Text;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSentinel.Live;

/// <summary>The outcome of probing one server: its surface, or why it could not be read (with the tail of its
/// stderr, secrets masked).</summary>
public sealed record ProbeResult(string Name, ServerSurface? Surface, string? Failure, IReadOnlyList<string> StderrTail)
{
    public bool Succeeded => Surface is not null;
}

/// <summary>Thrown when <c>--sandbox</c> is asked for and bubblewrap is not installed: the server is not launched.</summary>
public sealed class SandboxUnavailableException(string message) : Exception(message);

/// <summary>
/// Connects to one server through the MCP C# SDK (stdio or HTTP), reads its surface with <see cref="SurfaceCollector"/>
/// and disconnects. Stdio servers get a minimal environment (PATH and HOME plus --env), optionally run under bubblewrap
/// without network. Failures never throw: they come back as a <see cref="ProbeResult"/> with a reason.
/// </summary>
public static class LiveProbe
{
    public static async Task<ProbeResult> ProbeAsync(LiveTarget target, LiveLimits limits, CancellationToken cancellationToken)
    {
        var secrets = target.Headers.Select(h => h.Value).Concat(target.Environment.Values).Where(v => v.Length >= 4).ToArray();
        var stderr = new StderrTail(limits.StderrLines, secrets);
        IClientTransport transport = target.IsHttp ? HttpTransport(target, limits) : StdioTransport(target, limits, stderr);
        var name = target.DefaultName;
        try
        {
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connect.CancelAfter(limits.Timeout + TimeSpan.FromSeconds(5));
            var options = new McpClientOptions
            {
                ClientInfo = new Implementation { Name = target.ClientName, Version = target.ClientVersion },
                InitializationTimeout = limits.Timeout,
            };
            await using var client = await McpClient.CreateAsync(transport, options, loggerFactory: null, connect.Token).ConfigureAwait(false);
            name = target.Name ?? Sanitize(client.ServerInfo?.Name) ?? name;
            var surface = await SurfaceCollector.CollectAsync(client, name, target.Identity(), limits, cancellationToken).ConfigureAwait(false);
            return new ProbeResult(name, surface, null, stderr.Lines);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not SandboxUnavailableException)
        {
            // the stderr reader runs on its own: give a server that just died a moment to have its last words read
            for (int i = 0; i < 10 && !target.IsHttp && stderr.Lines.Count == 0; i++) await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
            return new ProbeResult(name, null, Describe(ex, limits, stderr), stderr.Lines);
        }
    }

    /// <summary>The bubblewrap binary on PATH, or null.</summary>
    public static string? FindBubblewrap()
    {
        foreach (var dir in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "bwrap");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The minimal environment of a stdio server: PATH and HOME of this process, then --env.</summary>
    public static Dictionary<string, string?> MinimalEnvironment(IReadOnlyDictionary<string, string> extra)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in new[] { "PATH", "HOME" })
        {
            if (System.Environment.GetEnvironmentVariable(key) is { } value) env[key] = value;
        }
        foreach (var (key, value) in extra) env[key] = value;
        return env;
    }

    /// <summary>The argv that runs the command under bubblewrap: read-only root, private /tmp, no network, all namespaces unshared.</summary>
    public static IReadOnlyList<string> SandboxArguments(IReadOnlyList<string> command, string? workingDirectory) =>
    [
        "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
        // the private /tmp would hide a server (or its working folder) that lives under /tmp: bind those back, read-only
        .. TmpPathsToKeep(command, workingDirectory).SelectMany(p => new[] { "--ro-bind", p, p }),
        "--unshare-all", "--die-with-parent", "--new-session",
        .. workingDirectory is null ? Array.Empty<string>() : ["--chdir", workingDirectory],
        "--", .. command,
    ];

    private static IEnumerable<string> TmpPathsToKeep(IReadOnlyList<string> command, string? workingDirectory)
    {
        var candidates = new List<string>();
        if (workingDirectory is not null) candidates.Add(Path.GetFullPath(workingDirectory));
        foreach (var arg in command)
        {
            if (!Path.IsPathRooted(arg)) continue;
            var full = Path.GetFullPath(arg);
            if (File.Exists(full)) candidates.Add(Path.GetDirectoryName(full)!);
            else if (Directory.Exists(full)) candidates.Add(full);
        }
        return candidates
            .Where(p => p.StartsWith("/tmp/", StringComparison.Ordinal) && Directory.Exists(p))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p.Length);
    }

    private static StdioClientTransport StdioTransport(LiveTarget target, LiveLimits limits, StderrTail stderr)
    {
        var command = target.Command!;
        string file = command[0];
        IList<string> args = command.Skip(1).ToList();
        if (target.Sandbox)
        {
            file = FindBubblewrap() ?? throw new SandboxUnavailableException(
                "--sandbox: bubblewrap (bwrap) is not installed, so the server was NOT launched. Install it (apt-get install bubblewrap) or run without --sandbox.");
            args = SandboxArguments(command, target.WorkingDirectory).ToList();
        }
        return new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = file,
            Arguments = args,
            Name = target.DefaultName,
            WorkingDirectory = target.WorkingDirectory,
            InheritEnvironmentVariables = false,
            EnvironmentVariables = MinimalEnvironment(target.Environment),
            StandardErrorLines = stderr.Add,
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        });
    }

    private static HttpClientTransport HttpTransport(LiveTarget target, LiveLimits limits)
    {
        var options = new HttpClientTransportOptions
        {
            Endpoint = target.Url!,
            TransportMode = HttpTransportMode.AutoDetect,
            Name = target.DefaultName,
            ConnectionTimeout = limits.Timeout,
            AdditionalHeaders = target.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase),
            MaxReconnectionAttempts = 0,
        };
        if (target.FollowRedirects) return new HttpClientTransport(options);
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        return new HttpClientTransport(options, http, loggerFactory: null, ownsHttpClient: true);
    }

    private static string Describe(Exception ex, LiveLimits limits, StderrTail stderr)
    {
        var inner = ex is AggregateException { InnerException: { } first } ? first : ex;
        string reason = inner switch
        {
            TimeoutException t => t.Message.Length > 0 ? t.Message : $"no answer within {limits.Timeout.TotalSeconds:0} s",
            OperationCanceledException => $"no answer within {limits.Timeout.TotalSeconds:0} s (connection/initialisation timeout)",
            ClientTransportClosedException { Details: StdioClientCompletionDetails { ExitCode: { } code } } => $"the server exited (exit code {code})",
            ClientTransportClosedException => "the server closed the connection (it exited or hung up)",
            McpException m => "protocol error: " + m.Message,
            HttpRequestException h => "HTTP error: " + h.Message,
            System.ComponentModel.Win32Exception w => "could not start the command: " + w.Message,
            _ => $"{inner.GetType().Name}: {inner.Message}",
        };
        reason = stderr.Mask(reason.ReplaceLineEndings(" "));
        if (reason.Length > 400) reason = reason[..400] + "…";
        return reason;
    }

    private static string? Sanitize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var clean = Regex.Replace(name, "[^A-Za-z0-9._@-]+", "-").Trim('-');
        if (clean.Length > 64) clean = clean[..64];
        return clean.Length == 0 ? null : clean;
    }

    /// <summary>The last lines a server wrote to stderr, with known secrets (header and --env values) and secret-looking
    /// assignments masked, hidden characters made visible.</summary>
    private sealed class StderrTail(int capacity, IReadOnlyList<string> secrets)
    {
        private static readonly Regex Assignment = new(@"(?i)\b((?:[a-z0-9_]*(?:token|secret|password|passwd|api[_-]?key|authorization)[a-z0-9_]*)\s*[=:]\s*(?:bearer\s+)?)([^\s'"",;]{4,})", RegexOptions.NonBacktracking);
        private readonly Queue<string> _lines = new();
        private readonly Lock _gate = new();

        public IReadOnlyList<string> Lines
        {
            get { lock (_gate) return _lines.ToArray(); }
        }

        public void Add(string line)
        {
            var clean = Mask(line.Length > 500 ? line[..500] + "…" : line);
            lock (_gate)
            {
                _lines.Enqueue(clean);
                while (_lines.Count > capacity) _lines.Dequeue();
            }
        }

        public string Mask(string text)
        {
            foreach (var secret in secrets) text = text.Replace(secret, SecretMask.Mask(secret), StringComparison.Ordinal);
            text = Assignment.Replace(text, m => m.Groups[2].Value.Contains("****", StringComparison.Ordinal) ? m.Value : m.Groups[1].Value + SecretMask.Mask(m.Groups[2].Value));
            return VisibleText.Render(text);
        }
    }
}
