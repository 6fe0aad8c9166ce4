using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using McpSentinel.Live;
using McpSentinel.Server.Api;
using McpSentinel.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace McpSentinel.Server.Tests;

/// <summary>Live server specs through the REST API: real MCP servers (server-everything over streamable HTTP on
/// loopback, the tiny stdio fixture under bubblewrap), the admin's allow-lists, and header secrets kept out of every output.</summary>
[Trait("Category", "Integration")]
public sealed class LiveScanApiTests
{
    private const string HeaderSecret = "live-header-secret-7f3a9c2e";
    private static readonly string Everything = RepoPaths.Of("tests/node/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    private static readonly string TinyServer = RepoPaths.Of("tests/Fixtures/live/tiny-server.mjs");

    [Fact]
    public async Task CreateLive_HttpOnAllowedHost_CompletesWithTheSurfaceAndNoSecretAnywhere()
    {
        Assert.True(File.Exists(Everything), "run .ci/run (npm install in tests/node) first: " + Everything);
        int port = FreePort();
        using var everything = await StartEverythingAsync(port);
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { LiveAllowHosts = ["127.0.0.1"] });
        var logs = new CapturedLogs();
        server.App.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        try
        {
            var response = await server.Analyst.PostAsJsonAsync("/api/v1/scans", new CreateScanRequest("live-http", null, null, null,
                new LiveServerSpec($"http://127.0.0.1:{port}/mcp", new Dictionary<string, string> { ["Authorization"] = "Bearer " + HeaderSecret }, null, null, null, null, null)));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.DoesNotContain(HeaderSecret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var created = (await response.Content.ReadFromJsonAsync<ScanDto>())!;
            Assert.Equal("live", created.SourceKind);
            Assert.Equal($"http://127.0.0.1:{port}/mcp", created.Source);

            var done = await ScanWaiter.WaitAsync(server.Viewer, created.Id);
            Assert.True(done.Status == "completed", done.Error);
            Assert.False(done.Summary!.Incomplete);
            using var report = JsonDocument.Parse(await server.Viewer.GetStringAsync($"/api/v1/scans/{created.Id}/report?format=json"));
            var live = report.RootElement.GetProperty("scan").GetProperty("live");
            Assert.Equal(1, live.GetProperty("started").GetInt32());
            Assert.Equal(0, live.GetProperty("failed").GetArrayLength());

            // the secret is nowhere: scan list and detail, findings, every report format, the audit log, the logs, the database file
            var outputs = new List<string>
            {
                await server.Viewer.GetStringAsync("/api/v1/scans"),
                await server.Viewer.GetStringAsync($"/api/v1/scans/{created.Id}"),
                await server.Viewer.GetStringAsync($"/api/v1/scans/{created.Id}/findings?limit=1000"),
                await server.Admin.GetStringAsync("/api/v1/audit"),
            };
            foreach (var format in McpSentinel.Reporting.ReporterCatalog.Formats)
            {
                var r = await server.Viewer.GetAsync($"/api/v1/scans/{created.Id}/report?format={format}");
                Assert.True(r.IsSuccessStatusCode, format);
                outputs.Add(Encoding.UTF8.GetString(await r.Content.ReadAsByteArrayAsync()));
            }
            foreach (var text in outputs) Assert.DoesNotContain(HeaderSecret, text, StringComparison.Ordinal);
            Assert.Contains(logs.Lines, l => l.Contains("connecting to live server", StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, l => l.Contains(HeaderSecret, StringComparison.Ordinal));
            var dbFile = server.Database.ConnectionString.Split(';').Select(p => p.Trim()).First(p => p.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))["Data Source=".Length..];
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(dbFile)!))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                Assert.DoesNotContain(HeaderSecret, Encoding.UTF8.GetString(copy.ToArray()), StringComparison.Ordinal);
            }
        }
        finally
        {
            everything.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task CreateLive_HttpWithoutAllowList_Returns403AndNoScan()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var response = await server.Analyst.PostAsJsonAsync("/api/v1/scans", new CreateScanRequest("live-refused", null, null, null,
            new LiveServerSpec("http://127.0.0.1:9/mcp", new Dictionary<string, string> { ["Authorization"] = "Bearer " + HeaderSecret }, null, null, null, null, null)));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("--live-allow-host", body, StringComparison.Ordinal);
        Assert.DoesNotContain(HeaderSecret, body, StringComparison.Ordinal);
        var list = (await server.Viewer.GetFromJsonAsync<PageDto<ScanDto>>("/api/v1/scans"))!;
        Assert.Equal(0, list.Total);
    }

    [Fact]
    public async Task CreateLive_HostNotOnTheList_Returns403()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { LiveAllowHosts = ["127.0.0.1"] });
        var response = await server.Analyst.PostAsJsonAsync("/api/v1/scans", new CreateScanRequest("live-refused", null, null, null,
            new LiveServerSpec("http://localhost:9/mcp", null, null, null, null, null, null)));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("localhost", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await server.Viewer.GetFromJsonAsync<PageDto<ScanDto>>("/api/v1/scans"))!.Total);
    }

    [Fact]
    public async Task CreateLive_StdioWithoutAllowLiveCommands_Returns403AndNoScan()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { LiveAllowHosts = ["127.0.0.1"] });
        var response = await server.Analyst.PostAsJsonAsync("/api/v1/scans", new CreateScanRequest("live-cmd", null, null, null,
            new LiveServerSpec(null, null, "node", [TinyServer, "poisoned"], null, null, null)));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("--allow-live-commands", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await server.Viewer.GetFromJsonAsync<PageDto<ScanDto>>("/api/v1/scans"))!.Total);
    }

    [Fact]
    public async Task CreateLive_BothUrlAndCommand_Returns400()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { LiveAllowHosts = ["127.0.0.1"], AllowLiveCommands = true });
        var response = await server.Analyst.PostAsJsonAsync("/api/v1/scans", new CreateScanRequest("live-bad", null, null, null,
            new LiveServerSpec("http://127.0.0.1:9/mcp", null, "node", null, null, null, null)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CreateLive_UnreachableAllowedServer_CompletesIncompleteWithADiagnostic()
    {
        int port = FreePort();
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { LiveAllowHosts = ["127.0.0.1"] });
        var created = await SubmitAsync(server, new LiveServerSpec($"http://127.0.0.1:{port}/mcp", null, null, null, null, null, 3));
        var done = await ScanWaiter.WaitAsync(server.Viewer, created.Id);
        Assert.Equal("completed", done.Status);
        Assert.True(done.Summary!.Incomplete);
        using var report = JsonDocument.Parse(await server.Viewer.GetStringAsync($"/api/v1/scans/{created.Id}/report?format=json"));
        Assert.Equal(0, report.RootElement.GetProperty("scan").GetProperty("live").GetProperty("started").GetInt32());
        Assert.Contains(report.RootElement.GetProperty("scan").GetProperty("diagnostics").EnumerateArray(),
            d => d.GetProperty("incomplete").GetBoolean() && d.GetProperty("message").GetString()!.Contains("live server could not be scanned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateLive_StdioWithAllowLiveCommands_RunsSandboxedAndFindsToolPoisoning()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { AllowLiveCommands = true });
        var spec = new LiveServerSpec(null, null, "node", [TinyServer, "poisoned"], new Dictionary<string, string> { ["API_KEY"] = HeaderSecret }, null, null);
        var response = await server.Analyst.PostAsJsonAsync("/api/v1/scans", new CreateScanRequest("live-cmd", null, null, null, spec));
        if (LiveProbe.FindBubblewrap() is null)
        {
            // without bubblewrap a command is never run: refused at the door
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<ScanDto>())!;
        var done = await ScanWaiter.WaitAsync(server.Viewer, created.Id);
        Assert.True(done.Status == "completed", done.Error);
        Assert.False(done.Summary!.Incomplete);
        var findings = (await server.Viewer.GetFromJsonAsync<PageDto<FindingDto>>($"/api/v1/scans/{created.Id}/findings?limit=1000"))!;
        Assert.Contains(findings.Items, f => f.Category.Contains("poison", StringComparison.OrdinalIgnoreCase) || f.Title.Contains("poison", StringComparison.OrdinalIgnoreCase));
        Assert.All(findings.Items, f => Assert.DoesNotContain(HeaderSecret, f.Evidence + f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateLive_AllowedHostRedirectsElsewhere_RedirectNotFollowedAndScanIncomplete()
    {
        // 127.0.0.1 is allowed and answers every request with a redirect to localhost (not allowed), where a listener
        // counts the connections it receives: the probe must not go there, with its headers or without
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        int targetPort = ((IPEndPoint)target.LocalEndpoint).Port;
        int reached = 0;
        using var stop = new CancellationTokenSource();
        var counting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var c = await target.AcceptTcpClientAsync(stop.Token);
                    Interlocked.Increment(ref reached);
                }
            }
            catch (OperationCanceledException) { }
        });
        using var redirector = new TcpListener(IPAddress.Loopback, 0);
        redirector.Start();
        int redirectPort = ((IPEndPoint)redirector.LocalEndpoint).Port;
        var redirecting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var c = await redirector.AcceptTcpClientAsync(stop.Token);
                    var stream = c.GetStream();
                    var buffer = new byte[8192];
                    _ = await stream.ReadAsync(buffer, stop.Token);
                    var answer = $"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://localhost:{targetPort}/mcp\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), stop.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException) { }
        });
        try
        {
            await using var server = await RunningServer.StartAsync("sqlite", o => o with { LiveAllowHosts = ["127.0.0.1"] });
            var created = await SubmitAsync(server, new LiveServerSpec($"http://127.0.0.1:{redirectPort}/mcp",
                new Dictionary<string, string> { ["Authorization"] = "Bearer " + HeaderSecret }, null, null, null, null, 3));
            var done = await ScanWaiter.WaitAsync(server.Viewer, created.Id);
            Assert.Equal("completed", done.Status);
            Assert.True(done.Summary!.Incomplete);
            Assert.Equal(0, Volatile.Read(ref reached));
        }
        finally
        {
            await stop.CancelAsync();
            target.Stop();
            redirector.Stop();
            await Task.WhenAll(counting, redirecting);
        }
    }

    private static async Task<ScanDto> SubmitAsync(RunningServer server, LiveServerSpec spec)
    {
        var response = await server.Analyst.PostAsJsonAsync("/api/v1/scans", new CreateScanRequest("live", null, null, null, spec));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ScanDto>())!;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>server-everything over streamable HTTP, bound to loopback only, once its port accepts connections.</summary>
    private static async Task<Process> StartEverythingAsync(int port)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { RepoPaths.Of("tests/Fixtures/live/loopback-everything.mjs"), Everything, port.ToString(System.Globalization.CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ready = Stopwatch.StartNew();
        while (ready.Elapsed < TimeSpan.FromSeconds(20))
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return process;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("server-everything did not start on port " + port);
    }

    /// <summary>Every log line the server writes (message, scope values and exception), to check that no secret is logged.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();
        public IReadOnlyCollection<string> Lines => _lines;
        public ILogger CreateLogger(string categoryName) => new Logger(_lines);
        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue("scope: " + state);
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        }
    }
}
