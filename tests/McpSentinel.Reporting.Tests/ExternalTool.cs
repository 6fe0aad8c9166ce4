using System.Diagnostics;

namespace McpSentinel.Reporting.Tests;

/// <summary>Runs an installed command-line tool (chromium, pdftotext, pdftoppm) for integration tests.</summary>
internal static class ExternalTool
{
    public sealed record Run(int ExitCode, string Out, string Error);

    /// <summary>Where integration tests leave screenshots and rendered files: $MCP_SENTINEL_ARTIFACTS, or a temp folder.</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("MCP_SENTINEL_ARTIFACTS") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "mcp-sentinel-artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static string Require(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException($"'{name}' is not installed; .ci/run installs it (apt-get install chromium poppler-utils)");
    }

    public static Run Execute(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(Require(file)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout.TotalSeconds} s");
        }
        process.WaitForExit();
        return new Run(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Headless Chromium with the flags from PLATFORM.md (no sandbox as root, no background networking) and a
    /// throw-away profile; console messages are logged to stderr.</summary>
    public static Run Chromium(IEnumerable<string> args)
    {
        var profile = Path.Combine(Path.GetTempPath(), "mcp-sentinel-chromium-" + Guid.NewGuid().ToString("N"));
        try
        {
            string[] flags =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
            ];
            return Execute("chromium", [.. flags, .. args], TimeSpan.FromSeconds(120));
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
