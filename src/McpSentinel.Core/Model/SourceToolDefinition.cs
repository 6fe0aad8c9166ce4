namespace McpSentinel.Core.Model;

/// <summary>A tool, prompt or resource definition as written in a server's source code: its name, its description and its
/// parameters' descriptions, each with the exact place it was written (so text findings can point at the line).
/// Produced by the semantic engine's extractor; usable by any engine that inspects definitions (poisoning, shadowing).</summary>
public sealed record SourceToolDefinition
{
    /// <summary>"tool", "prompt" or "resource".</summary>
    public required string Kind { get; init; }
    public required string Name { get; init; }
    /// <summary>Where the definition starts (the decorator or the registration call).</summary>
    public required Location Location { get; init; }
    public string? Description { get; init; }
    /// <summary>Where the description text is written (a docstring, a description argument), if there is one.</summary>
    public Location? DescriptionLocation { get; init; }
    public IReadOnlyList<SourceParameterDefinition> Parameters { get; init; } = [];
    /// <summary>For each line of <see cref="Description"/>, the whole source line it is written on (so a finding inside the
    /// description can point at its line); empty when there is no description.</summary>
    public IReadOnlyList<Location> DescriptionLines { get; init; } = [];
    /// <summary><c>readOnlyHint</c> / <c>destructiveHint</c> as annotated in the source, when written as literals.</summary>
    public bool? ReadOnlyHint { get; init; }
    public bool? DestructiveHint { get; init; }
    /// <summary>What the tool's code was seen to do (<see cref="SourceToolCapabilities"/>), filled by the semantic engine.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];
}

/// <summary>One parameter of a <see cref="SourceToolDefinition"/>, with its description where the source gives one.</summary>
public sealed record SourceParameterDefinition(string Name, string? Description, Location Location)
{
    /// <summary>For each line of <see cref="Description"/>, the whole source line it is written on.</summary>
    public IReadOnlyList<Location> DescriptionLines { get; init; } = [];
}
