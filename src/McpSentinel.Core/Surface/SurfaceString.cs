namespace McpSentinel.Core.Surface;

/// <summary>One string of a server's surface and where it sits: <c>server:NAME/tool:TOOL/description</c>.</summary>
public sealed record SurfaceString(string Server, string LogicalPath, SurfaceField Field, string Text, string? Tool = null);

/// <summary>What kind of string it is (detectors treat names, descriptions and values differently).</summary>
public enum SurfaceField
{
    Name,
    Title,
    Description,
    Instructions,
    ParameterName,
    ParameterDescription,
    EnumValue,
    DefaultValue,
    Uri,
}
