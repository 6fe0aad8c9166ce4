using System.Net.Http.Json;
using McpSentinel.Server.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace McpSentinel.Server.Tests;

/// <summary>The real server (Kestrel on a free loopback port, real database, in-process worker) with one HTTP client
/// per role: <see cref="Admin"/> holds the key printed at first start; analyst and viewer keys are made through the API.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly TestDatabase _db;

    private RunningServer(TestDatabase db, WebApplication app, Uri address)
    {
        _db = db;
        App = app;
        Address = address;
    }

    public WebApplication App { get; }
    public Uri Address { get; }
    public string AdminKey { get; private set; } = "";
    public HttpClient Anonymous { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Analyst { get; private set; } = null!;
    public HttpClient Viewer { get; private set; } = null!;
    public Storage.DatabaseTarget Database => _db.Target;

    public static async Task<RunningServer> StartAsync(string provider, Func<ServerOptions, ServerOptions>? configure = null)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var output = new StringWriter();
        var options = new ServerOptions
        {
            Database = db.Target,
            Urls = ["http://127.0.0.1:0"],
            ConsoleLogs = false,
            Output = output,
            WorkerCount = 2,
        };
        if (configure is not null) options = configure(options);
        var app = SentinelServer.Build(options);
        await StartupTasks.RunAsync(app.Services, web: true, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new RunningServer(db, app, new Uri(address));
        var printed = output.ToString().Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("mcps_", StringComparison.Ordinal));
        server.AdminKey = printed ?? throw new InvalidOperationException("the server printed no admin key:\n" + output);
        server.Anonymous = server.Client(null);
        server.Admin = server.Client(server.AdminKey);
        server.Analyst = server.Client(await server.CreateKeyAsync("analyst"));
        server.Viewer = server.Client(await server.CreateKeyAsync("viewer"));
        return server;
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public async Task<string> CreateKeyAsync(string role, int? rateLimit = null)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest(role + "-" + Guid.NewGuid().ToString("N")[..6], role, rateLimit));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedApiKeyDto>())!.Key;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in new[] { Anonymous, Admin, Analyst, Viewer }) c?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await _db.DisposeAsync();
    }
}
