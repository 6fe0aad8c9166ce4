namespace McpSentinel.Cli;

/// <summary>The process's standard streams and what they are connected to (tests pass their own).</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Stream StandardOutput, bool OutputIsTerminal, bool ErrorIsTerminal, string WorkingDirectory)
{
    /// <summary>Cancelled by Ctrl+C: the scan stops and the command exits 3.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Standard input, read for interactive confirmations (empty in tests unless given).</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>True when standard input is a terminal a person can answer on; confirmations are skipped otherwise.</summary>
    public bool InputIsTerminal { get; init; }

    public static CliConsole FromSystem() => new(
        Console.Out,
        Console.Error,
        Console.OpenStandardOutput(),
        !Console.IsOutputRedirected,
        !Console.IsErrorRedirected,
        Environment.CurrentDirectory)
    {
        In = Console.In,
        InputIsTerminal = !Console.IsInputRedirected,
    };

    /// <summary>Colour only on a terminal, and never when NO_COLOR is set or TERM is dumb.</summary>
    public bool ColorOnOut => OutputIsTerminal
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && Environment.GetEnvironmentVariable("TERM") != "dumb";
}
