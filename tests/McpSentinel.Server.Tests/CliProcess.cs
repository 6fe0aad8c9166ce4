using System.Diagnostics;
using System.Text;

namespace McpSentinel.Server.Tests;

/// <summary>The real <c>mcp-sentinel</c> CLI (built next to the tests) running as a child process, with its output collected.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private CliProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The CLI in its own build folder (src/McpSentinel.Cli/bin/CONFIGURATION/net10.0), whose dependency
    /// list is its own; the copy beside the tests shares the test project's framework choices.</summary>
    public static string CliPath { get; } = FindCli();

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public string Output { get { lock (_out) return _out.ToString(); } }
    public string Errors { get { lock (_err) return _err.ToString(); } }

    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(CliPath);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var process = new Process { StartInfo = psi };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (cli._out) cli._out.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (cli._err) cli._err.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    private static string FindCli()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string tfm = testBin.Name, configuration = testBin.Parent!.Name;
        var path = McpSentinel.Tests.RepoPaths.Of(Path.Combine("src", "McpSentinel.Cli", "bin", configuration, tfm, "mcp-sentinel.dll"));
        return File.Exists(path) ? path : throw new FileNotFoundException("build src/McpSentinel.Cli first", path);
    }

    /// <summary>Runs to the end and returns the exit code.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IEnumerable<string> args, TimeSpan limit)
    {
        using var cli = Start(args);
        using var cts = new CancellationTokenSource(limit);
        await cli._process.WaitForExitAsync(cts.Token);
        return (cli._process.ExitCode, cli.Output, cli.Errors);
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, like a machine that dies.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public async Task<string> WaitForOutputLineAsync(Func<string, bool> match, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var line = Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(match);
            if (line is not null) return line;
            if (_process.HasExited) throw new InvalidOperationException($"the process exited ({_process.ExitCode}):\n{Output}\n{Errors}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"no matching output line:\n{Output}\n{Errors}");
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}
