using McpSentinel.Live;

namespace McpSentinel.Cli.Commands;

/// <summary>A server a live scan considers: given on the command line (<c>--live</c>) or declared in a discovered client
/// configuration (<c>--discover --live</c>, confirmed one by one unless <c>--yes</c>). <see cref="SkipReason"/> is set when
/// it cannot be launched at all (disabled, nothing to run); <see cref="Display"/> and <see cref="Source"/> are masked.</summary>
public sealed record PlannedServer(string Name, LiveTarget? Target, string Display, string? Source, bool NeedsConfirmation, string? SkipReason = null);
