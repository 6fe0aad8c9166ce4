namespace McpSentinel.Core.Scanning;

/// <summary>A sink (a command, eval, file, URL, SQL or deserialisation call) on which an engine with data-flow knowledge
/// reached a verdict: either it reported the sink as tainted, or it proved the sink safe (constant argument, argv array
/// without a shell, sanitiser, dominating guard). See <see cref="SinkPrecedence"/>.</summary>
public sealed record JudgedSink(string Path, int Line, string Category);
