namespace McpSentinel.Live;

/// <summary>Caps that keep a hostile server from stalling or flooding a scan.</summary>
public sealed record LiveLimits
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);
    public int MaxPages { get; init; } = 50;
    public int MaxItems { get; init; } = 1000;
    public int MaxStringLength { get; init; } = 64 * 1024;
    public int MaxSchemaLength { get; init; } = 256 * 1024;
    public int StderrLines { get; init; } = 20;
}
