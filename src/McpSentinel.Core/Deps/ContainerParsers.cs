using System.Text.RegularExpressions;
using McpSentinel.Core.Configs;
using McpSentinel.Core.Intel;

namespace McpSentinel.Core.Deps;

/// <summary>Packages and images that MCP client configurations launch (<c>npx pkg@ver</c>, <c>uvx pkg==ver</c>,
/// <c>docker run … image:tag</c>) and the base images of Dockerfiles (<c>FROM image:tag</c>). A tag that reads as a
/// version, or a digest, is the dependency's version; <c>latest</c> or no tag is a floating reference (declared
/// "latest", not evaluated against advisories).</summary>
public static partial class ContainerParsers
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    [GeneratedRegex(@"^\s*FROM\s+(?:--\S+\s+)*(?<image>\S+)(?:\s+AS\s+(?<stage>\S+))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex FromLine();

    /// <summary>True for Dockerfile, Containerfile, x.Dockerfile and Dockerfile.x names.</summary>
    public static bool IsDockerfile(string fileName)
    {
        var lower = fileName.ToLowerInvariant();
        return lower is "dockerfile" or "containerfile"
            || lower.EndsWith(".dockerfile", StringComparison.Ordinal) || lower.EndsWith(".containerfile", StringComparison.Ordinal)
            || lower.StartsWith("dockerfile.", StringComparison.Ordinal) || lower.StartsWith("containerfile.", StringComparison.Ordinal);
    }

    /// <summary>The base images of a Dockerfile: every <c>FROM</c> except <c>scratch</c>, earlier build stages and
    /// references built from build arguments (<c>${BASE}</c>).</summary>
    public static List<Dependency> Dockerfile(string path, string text)
    {
        var result = new List<Dependency>();
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            Match m;
            try { m = FromLine().Match(lines[i]); }
            catch (RegexMatchTimeoutException) { continue; }
            if (!m.Success) continue;
            var image = m.Groups["image"].Value;
            bool earlierStage = stages.Contains(image);
            if (m.Groups["stage"].Success) stages.Add(m.Groups["stage"].Value);
            if (earlierStage || image.Equals("scratch", StringComparison.OrdinalIgnoreCase)) continue;
            if (Image(path, i + 1, image, launcher: null) is { } dep) result.Add(dep);
        }
        return result;
    }

    /// <summary>An image dependency from a reference, or null when the reference is not a literal image.</summary>
    public static Dependency? Image(string path, int line, string reference, string? launcher)
    {
        if (ImageReference.Parse(reference) is not { } image) return null;
        bool floating = image.Digest is null && (image.Tag is null || image.Tag.Equals("latest", StringComparison.OrdinalIgnoreCase));
        return new Dependency(Ecosystems.Oci, image.Name, floating ? null : image.Digest ?? image.Tag, floating ? image.Tag ?? "latest" : null,
            path, line, FromLock: false, Direct: true, Launcher: launcher);
    }

    private static readonly HashSet<string> DockerValueOptions = new(StringComparer.Ordinal)
    {
        "-e", "--env", "-v", "--volume", "--name", "--network", "--net", "-p", "--publish", "--mount", "-w", "--workdir", "-u", "--user",
        "--entrypoint", "--cap-add", "--cap-drop", "--env-file", "-l", "--label", "--platform", "-m", "--memory", "--cpus", "--add-host",
        "--device", "--security-opt", "--pull", "--restart", "-h", "--hostname", "--tmpfs", "--ulimit", "--runtime", "--ipc", "--pid",
        "--log-driver", "--log-opt", "--dns", "--userns", "--uts", "--cgroupns", "--gpus", "--shm-size", "--stop-signal", "--expose",
    };

    /// <summary>The packages and images the servers of a parsed client configuration launch.</summary>
    public static List<Dependency> ClientConfig(string path, ClientConfig config)
    {
        var result = new List<Dependency>();
        foreach (var server in config.Servers)
        {
            if (server.EffectiveCommand is not { } command) continue;
            var args = server.EffectiveArgs;
            var dep = server.Launcher switch
            {
                Launchers.Docker => DockerImage(path, args),
                Launchers.Npx => NpxPackage(path, command, args),
                Launchers.Uvx => UvxPackage(path, command, args),
                _ => null,
            };
            if (dep is not null) result.Add(dep);
        }
        return result;
    }

    private static Dependency? DockerImage(string path, IReadOnlyList<ConfigValue> args)
    {
        int i = 0;
        while (i < args.Count && args[i].Text.StartsWith('-')) i++;
        if (i >= args.Count) return null;
        if (args[i].Text == "container" && i + 1 < args.Count) i++;
        if (args[i].Text is not ("run" or "create")) return null;
        for (i++; i < args.Count; i++)
        {
            var a = args[i].Text;
            if (!a.StartsWith('-')) return Image(path, args[i].Line, a, Launchers.Docker);
            if (!a.Contains('=', StringComparison.Ordinal) && DockerValueOptions.Contains(a)) i++;
        }
        return null;
    }

    private static Dependency? NpxPackage(string path, ConfigValue command, IReadOnlyList<ConfigValue> args)
    {
        int start = Launchers.BaseName(command.Text) is "pnpm" or "yarn" or "bun" or "npm" ? 1 : 0;
        for (int i = start; i < args.Count; i++)
        {
            var a = args[i].Text;
            ConfigValue? package = null;
            if (a is "-p" or "--package") package = i + 1 < args.Count ? args[i + 1] : null;
            else if (a.StartsWith("--package=", StringComparison.Ordinal)) package = args[i] with { Text = a["--package=".Length..] };
            else if (a == "--" || a.StartsWith('-')) continue;
            else package = args[i];
            if (package is null) return null;
            var spec = package.Text.Trim();
            if (IsLocalOrUrl(spec)) return null;
            int at = spec.StartsWith('@') ? spec.IndexOf('@', 1) : spec.IndexOf('@');
            var name = at < 0 ? spec : spec[..at];
            var version = at < 0 ? null : spec[(at + 1)..];
            var exact = version is not null && Intel.Versioning.NpmScheme.Instance.IsValid(version) ? version : null;
            return new Dependency(Ecosystems.Npm, name, exact, exact is null ? version ?? "latest" : null, path, package.Line, false, true, Launchers.Npx);
        }
        return null;
    }

    private static Dependency? UvxPackage(string path, ConfigValue command, IReadOnlyList<ConfigValue> args)
    {
        var tool = Launchers.BaseName(command.Text);
        int i = tool == "uv" ? 2 : tool == "pipx" && args.Count > 0 && args[0].Text == "run" ? 1 : 0;
        if (tool == "pipx" && i == 0) return null;
        for (; i < args.Count; i++)
        {
            var a = args[i].Text;
            ConfigValue? package = null;
            if (a is "--from" or "--spec") package = i + 1 < args.Count ? args[i + 1] : null;
            else if (a.StartsWith("--from=", StringComparison.Ordinal) || a.StartsWith("--spec=", StringComparison.Ordinal)) package = args[i] with { Text = a[(a.IndexOf('=') + 1)..] };
            else if (a is "--with" or "--python" or "-p" or "--index-url" or "--index" or "--extra-index-url" or "--pip-args") { i++; continue; }
            else if (a.StartsWith('-')) continue;
            else package = args[i];
            if (package is null) return null;
            var spec = package.Text.Trim().Trim('"', '\'');
            if (IsLocalOrUrl(spec) || spec.EndsWith(".whl", StringComparison.OrdinalIgnoreCase)) return null;
            int cut = spec.IndexOfAny(['=', '<', '>', '~', '!', '@', '[', ';', ' ']);
            var name = cut < 0 ? spec : spec[..cut];
            var rest = cut < 0 ? "" : spec[cut..];
            if (rest.StartsWith('[')) rest = rest[(rest.IndexOf(']') + 1)..];
            if (rest.StartsWith('@')) rest = "==" + rest[1..];
            var exact = Intel.Versioning.Pep440Scheme.Instance.ExactPin(rest);
            return new Dependency(Ecosystems.PyPI, name, exact, exact is null ? (rest.Length == 0 ? "latest" : rest) : null, path, package.Line, false, true, Launchers.Uvx);
        }
        return null;
    }

    private static bool IsLocalOrUrl(string spec) =>
        spec.Length == 0 || spec.StartsWith('.') || spec.StartsWith('/') || spec.StartsWith('~') || spec.Contains("://", StringComparison.Ordinal)
        || spec.StartsWith("file:", StringComparison.Ordinal) || spec.StartsWith("git+", StringComparison.Ordinal)
        || (spec.Length > 2 && spec[1] == ':' && (spec[2] == '\\' || spec[2] == '/'));
}
