using System.Text.Json.Nodes;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Surface;

namespace McpSentinel.Core.Tests.Surface;

/// <summary>Fluent builder of server surfaces for detector tests: <c>Surfaces.Server("a").Tool("x", "…").Build()</c>.</summary>
internal sealed class SurfaceBuilder
{
    private static readonly Lazy<SurfaceEngine> Engine = new(() => new SurfaceEngine(new RuleSet(RuleLoader.LoadBuiltin().Rules)));
    private readonly List<ServerSurface> _servers = [];

    public static SurfaceBuilder Server(string name, string? instructions = null) => new SurfaceBuilder().And(name, instructions);

    public SurfaceBuilder And(string name, string? instructions = null)
    {
        _servers.Add(new ServerSurface { Name = name, Launcher = new LauncherIdentity { Transport = "stdio", Command = "node", Arguments = [name + ".js"] }, Instructions = instructions });
        return this;
    }

    public SurfaceBuilder Tool(string name, string? description = null, string? inputSchema = null, ToolAnnotationsSurface? annotations = null)
    {
        var last = _servers[^1];
        _servers[^1] = last with
        {
            Tools = [.. last.Tools, new ToolSurface { Name = name, Description = description, InputSchema = inputSchema is null ? new JsonObject { ["type"] = "object" } : JsonNode.Parse(inputSchema), Annotations = annotations }],
        };
        return this;
    }

    public SurfaceBuilder Prompt(string name, string description, params string[] arguments)
    {
        var last = _servers[^1];
        _servers[^1] = last with { Prompts = [.. last.Prompts, new PromptSurface { Name = name, Description = description, Arguments = arguments.Select(a => new PromptArgumentSurface(a, null, null, true)).ToArray() }] };
        return this;
    }

    public SurfaceBuilder Resource(string uri, string? description = null)
    {
        var last = _servers[^1];
        _servers[^1] = last with { Resources = [.. last.Resources, new ResourceSurface { Uri = uri, Name = uri, Description = description }] };
        return this;
    }

    public IReadOnlyList<ServerSurface> Build() => _servers.ToArray();

    public IReadOnlyList<Finding> Findings(SurfaceLock? lockFile = null) => Analyze(Build(), lockFile);

    public static IReadOnlyList<Finding> Analyze(IReadOnlyList<ServerSurface> servers, SurfaceLock? lockFile = null)
    {
        var analysis = Engine.Value.Analyze(servers, lockFile, CancellationToken.None);
        Xunit.Assert.Empty(analysis.Diagnostics);
        return analysis.Findings;
    }

    public static SurfaceLock Pin(IReadOnlyList<ServerSurface> servers) => SurfaceLock.Create(servers, Engine.Value, DateTimeOffset.UnixEpoch);

    public static string Schema(params (string Name, string Description)[] parameters) =>
        new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)new JsonObject { ["type"] = "string", ["description"] = p.Description }))),
        }.ToJsonString();
}
