using System.Text;

namespace McpSentinel.Cli.Tests;

/// <summary>Runs the real command tree in-process with captured streams.</summary>
internal static class CliRunner
{
    public sealed record Run(int ExitCode, string Out, string Error);

    public static Run Invoke(string workingDirectory, params string[] args) => InvokeWithInput(workingDirectory, null, args);

    /// <summary>Runs with <paramref name="terminalInput"/> as standard input of a terminal (null: no terminal, empty input).</summary>
    public static Run InvokeWithInput(string workingDirectory, string? terminalInput, params string[] args)
    {
        var outWriter = new StringWriter();
        var errWriter = new StringWriter();
        using var stdout = new MemoryStream();
        var console = new CliConsole(outWriter, errWriter, stdout, OutputIsTerminal: false, ErrorIsTerminal: false, workingDirectory)
        {
            In = terminalInput is null ? TextReader.Null : new StringReader(terminalInput),
            InputIsTerminal = terminalInput is not null,
        };
        int code = CliApp.Run(args, console);
        var text = outWriter.ToString() + Encoding.UTF8.GetString(stdout.ToArray());
        return new Run(code, text, errWriter.ToString());
    }
}
