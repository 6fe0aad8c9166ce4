namespace McpSentinel.Core.Model;

/// <summary>One step of a data-flow trace (source, intermediate steps, sink).</summary>
public sealed record TraceStep(string Path, int Line, int Column, string Snippet, string Note);
