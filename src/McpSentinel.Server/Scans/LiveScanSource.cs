using System.Text.Json;
using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Live;
using McpSentinel.Server.Api;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace McpSentinel.Server.Scans;

/// <summary>
/// Live server specs on the team server: checks a spec against the admin's rules (HTTP hosts on the
/// <c>--live-allow-host</c> list, stdio commands only with <c>--allow-live-commands</c> and bubblewrap), keeps it encrypted
/// with ASP.NET Core Data Protection (header and environment values are secrets), and, in the job, connects to the
/// server with the Live probe and turns what it read into scan options. Redirects are not followed; stdio servers
/// always run sandboxed without network.
/// </summary>
public sealed class LiveScanSource(ServerOptions options, IDataProtectionProvider protection, ILogger<LiveScanSource> logger)
{
    private const int MaxEntries = 32;
    private const int MaxValueLength = 8 * 1024;
    private const int MaxArgs = 64;
    private readonly IDataProtector _protector = protection.CreateProtector("McpSentinel.Server.LiveScanSource.v1");

    /// <summary>Validates the spec; returns its masked display (kept as the scan's source name) or throws
    /// <see cref="SubmissionException"/> (403 when the admin's rules refuse it).</summary>
    public string Check(LiveServerSpec spec)
    {
        bool hasUrl = !string.IsNullOrWhiteSpace(spec.Url), hasCommand = !string.IsNullOrWhiteSpace(spec.Command);
        if (hasUrl == hasCommand) throw new SubmissionException("live: give exactly one of url and command");
        if (spec.TimeoutSeconds is < 1 or > 120) throw new SubmissionException("live: timeoutSeconds must be between 1 and 120");
        if (spec.Name is { } name && (name.Length is 0 or > 64 || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-' or '@'))))
            throw new SubmissionException("live: name must be 1 to 64 letters, digits, '.', '_', '-' or '@'");
        CheckEntries(spec.Headers, "headers", header: true);
        CheckEntries(spec.Env, "env", header: false);
        return hasUrl ? CheckUrl(spec) : CheckCommand(spec);
    }

    private string CheckUrl(LiveServerSpec spec)
    {
        if (!Uri.TryCreate(spec.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new SubmissionException("live: url must be an absolute http(s) URL");
        if (uri.UserInfo.Length > 0) throw new SubmissionException("live: put credentials in headers, not in the url");
        if (spec.Env is { Count: > 0 } || spec.Args is { Count: > 0 }) throw new SubmissionException("live: args and env apply to a command, not to a url");
        if (options.LiveAllowHosts.Count == 0)
            throw new SubmissionException("live HTTP scans are disabled: the server was started without --live-allow-host", forbidden: true);
        if (!options.LiveAllowHosts.Any(h => string.Equals(h.Trim('[', ']'), uri.DnsSafeHost, StringComparison.OrdinalIgnoreCase)))
            throw new SubmissionException($"live: the host {uri.DnsSafeHost} is not on the server's --live-allow-host list", forbidden: true);
        return LiveTarget.Parse([uri.ToString()]).Identity().Url!;
    }

    private string CheckCommand(LiveServerSpec spec)
    {
        if (spec.Headers is { Count: > 0 }) throw new SubmissionException("live: headers apply to a url, not to a command");
        if (spec.Args is { Count: > MaxArgs }) throw new SubmissionException($"live: at most {MaxArgs} args");
        if (spec.Args?.Any(a => a is null || a.Length > MaxValueLength || a.Contains('\0', StringComparison.Ordinal)) == true)
            throw new SubmissionException("live: an argument is missing, too long or contains a NUL character");
        if (!options.AllowLiveCommands)
            throw new SubmissionException("live stdio commands are disabled: the server was started without --allow-live-commands", forbidden: true);
        if (LiveProbe.FindBubblewrap() is null)
            throw new SubmissionException("live stdio commands run only under bubblewrap, and bwrap is not installed on this server", forbidden: true);
        return Target(spec).Identity().Display;
    }

    private static void CheckEntries(IReadOnlyDictionary<string, string>? entries, string what, bool header)
    {
        if (entries is null) return;
        if (entries.Count > MaxEntries) throw new SubmissionException($"live: at most {MaxEntries} {what}");
        foreach (var (key, value) in entries)
        {
            bool goodKey = key.Length is > 0 and <= 256 && (header
                ? key.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal))
                : key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'));
            // the value is never echoed back: it may be a secret
            if (!goodKey) throw new SubmissionException($"live: '{key}' is not a valid {(header ? "header" : "environment variable")} name");
            if (value is null || value.Length > MaxValueLength || value.Any(c => c is '\r' or '\n' or '\0'))
                throw new SubmissionException($"live: the value of {what} '{key}' is missing, longer than {MaxValueLength} characters or contains a line break");
        }
    }

    /// <summary>The spec encrypted for the scan row.</summary>
    public byte[] Protect(LiveServerSpec spec) => _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(spec));

    /// <summary>Decrypts the spec, connects to the server and returns the options that scan its surface (or, when it
    /// could not be read, an incomplete scan with the reason). Throws <see cref="System.Security.Cryptography.CryptographicException"/>
    /// when this process cannot decrypt the spec (another key ring).</summary>
    public async Task<ScanOptions> ApplyAsync(byte[] protectedSpec, string display, ScanOptions scanOptions, CancellationToken cancellationToken)
    {
        var spec = JsonSerializer.Deserialize<LiveServerSpec>(_protector.Unprotect(protectedSpec))
            ?? throw new System.Security.Cryptography.CryptographicException("the live spec is empty");
        var target = Target(spec);
        var limits = new LiveLimits { Timeout = TimeSpan.FromSeconds(spec.TimeoutSeconds ?? 20) };
        logger.LogInformation("connecting to live server {Target}{Sandbox}", display, target.Sandbox ? " (bubblewrap, no network)" : "");
        ProbeResult probe;
        try
        {
            probe = await LiveProbe.ProbeAsync(target, limits, cancellationToken).ConfigureAwait(false);
        }
        catch (SandboxUnavailableException)
        {
            probe = new ProbeResult(target.DefaultName, null, "bubblewrap (bwrap) is not installed on this worker, so the server was not launched", []);
        }
        if (probe.Surface is { } surface)
        {
            logger.LogInformation("live server {Server} read: {Tools} tool(s), {Prompts} prompt(s), {Resources} resource(s)", surface.Name, surface.Tools.Count, surface.Prompts.Count, surface.Resources.Count);
            return scanOptions with
            {
                Targets = [],
                Surfaces = [surface],
                LiveCoverage = new LiveCoverage(1, 1, []) { Servers = [new LiveServerStatus(surface.Name, LiveServerStatus.Started, display, null, null)] },
            };
        }
        string reason = probe.Failure + (probe.StderrTail.Count > 0 ? "; stderr (last lines): " + string.Join(" | ", probe.StderrTail.TakeLast(5)) : "");
        logger.LogWarning("live server {Target} could not be read: {Reason}", display, reason);
        return scanOptions with
        {
            Targets = [],
            Surfaces = [],
            CollectorDiagnostics = [new ScanDiagnostic("server:" + probe.Name, "live server could not be scanned: " + reason, Incomplete: true)],
            LiveCoverage = new LiveCoverage(1, 0, [new LiveFailure(probe.Name, reason)]) { Servers = [new LiveServerStatus(probe.Name, LiveServerStatus.Failed, display, null, reason)] },
        };
    }

    private static LiveTarget Target(LiveServerSpec spec) => !string.IsNullOrWhiteSpace(spec.Url)
        ? new LiveTarget
        {
            Url = new Uri(spec.Url),
            Name = spec.Name,
            Headers = (spec.Headers ?? new Dictionary<string, string>()).ToArray(),
            FollowRedirects = false,
        }
        : new LiveTarget
        {
            Command = [spec.Command!, .. spec.Args ?? []],
            Name = spec.Name,
            Environment = spec.Env ?? new Dictionary<string, string>(),
            Sandbox = true,
        };
}
