using System.IO.Pipelines;
using McpSentinel.Core.Surface;
using McpSentinel.Live;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSentinel.Live.Tests;

/// <summary>A real MCP server built with the SDK, run in-process over a pair of pipes (as the csharp-sdk's own tests do),
/// and a real SDK client connected to it.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly McpServer _server;
    private readonly Task _run;

    private InProcessServer(McpServer server, McpClient client)
    {
        _server = server;
        Client = client;
        _run = server.RunAsync(_stop.Token);
    }

    public McpClient Client { get; private set; }

    public static async Task<InProcessServer> StartAsync(McpServerOptions options, Implementation? clientInfo = null)
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var server = McpServer.Create(new StreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream(), "in-process"), options);
        var host = new InProcessServer(server, null!);
        var transport = new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream());
        host.Client = await McpClient.CreateAsync(transport, new McpClientOptions { InitializationTimeout = TimeSpan.FromSeconds(10), ClientInfo = clientInfo });
        return host;
    }

    public Task<ServerSurface> CollectAsync(LiveLimits? limits = null) =>
        SurfaceCollector.CollectAsync(Client, "test", new LauncherIdentity { Transport = "in-process" }, limits ?? new LiveLimits(), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _stop.CancelAsync();
        try { await _run; } catch (OperationCanceledException) { }
        await _server.DisposeAsync();
        _stop.Dispose();
    }

    public static McpServerOptions Options(Action<McpServerHandlers> handlers, string? instructions = null, bool prompts = false, bool resources = false)
    {
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "poisoned", Version = "6.6.6" },
            ServerInstructions = instructions,
            Capabilities = new ServerCapabilities
            {
                Tools = new ToolsCapability(),
                Prompts = prompts ? new PromptsCapability() : null,
                Resources = resources ? new ResourcesCapability() : null,
            },
            Handlers = new McpServerHandlers(),
        };
        handlers(options.Handlers);
        return options;
    }
}
