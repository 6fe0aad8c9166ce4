using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using McpSentinel.Server.Api;
using McpSentinel.Tests;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace McpSentinel.Server.Tests;

/// <summary>A worker killed in the middle of a scan: the job goes back to the queue (PostgreSQL or Redis), another worker
/// completes it, and every finding is stored exactly once. Real processes: the API server without a worker, and
/// two `mcp-sentinel worker` processes, one after the other.</summary>
[Trait("Category", "Integration")]
public sealed class WorkerKillTests(ITestOutputHelper log)
{
    [Theory]
    [InlineData("database")]
    [InlineData("redis")]
    public async Task WorkerKilledMidScan_SecondWorkerCompletes_FindingsStoredExactlyOnce(string queue)
    {
        using var corpus = Corpus(files: 1200);
        corpus.WithFile("nonce.txt", Guid.NewGuid().ToString()); // no result-cache hit
        await using var db = await TestDatabase.CreateAsync("postgres");
        var database = "postgres:" + db.Target.ConnectionString;
        var redisAddress = Environment.GetEnvironmentVariable("MCP_SENTINEL_TEST_REDIS") is { Length: > 0 } r ? r : "127.0.0.1:6379";
        var prefix = "{mcps-test-" + Guid.NewGuid().ToString("N")[..12] + "}:";
        string[] queueArgs = queue == "redis" ? ["--redis", redisAddress, "--queue", "redis", "--queue-prefix", prefix] : [];
        try
        {
            await RunAsync(corpus, db, database, queueArgs);
        }
        finally
        {
            if (queue == "redis") await RedisQueueTests.DeleteKeysAsync(redisAddress, prefix);
        }
    }

    private async Task RunAsync(TempTree corpus, TestDatabase db, string database, string[] queueArgs)
    {

        // what a direct CLI scan of the same tree finds
        var report = Path.Combine(Path.GetTempPath(), "mcp-sentinel-kill-" + Guid.NewGuid().ToString("N") + ".json");
        var direct = await CliProcess.RunAsync(["scan", corpus.Root, "--no-config", "--format", "json", "--output", report, "--no-progress", "--quiet", "--fail-on", "none"], TimeSpan.FromMinutes(5));
        Assert.True(direct.ExitCode == 0, $"direct scan exit {direct.ExitCode}: {direct.Errors}");
        var expectedFingerprints = JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("fingerprint").GetString()!).ToList();
        File.Delete(report);
        Assert.True(expectedFingerprints.Count > 1000, $"the corpus should give many findings, got {expectedFingerprints.Count}");
        Assert.Equal(expectedFingerprints.Count, expectedFingerprints.Distinct().Count());

        var env = new Dictionary<string, string> { ["MCP_SENTINEL_QUEUE_INVISIBILITY_SECONDS"] = "10", ["XDG_DATA_HOME"] = corpus.PathOf(".data") };
        int port = FreePort();
        using var server = CliProcess.Start(["server", "--urls", $"http://127.0.0.1:{port}", "--database", database, "--allowed-root", corpus.Root, "--no-worker", .. queueArgs], env);
        var key = await server.WaitForOutputLineAsync(l => l.StartsWith("mcps_", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        await WaitReadyAsync(http);

        using var first = CliProcess.Start(["worker", "--database", database, "--workers", "1", .. queueArgs], env);
        var submitted = await ScanWaiter.SubmitPathAsync(http, "kill-test", corpus.Root);

        // wait until the first worker is visibly in the middle of the scan, then kill it without warning
        ScanDto running;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            running = (await http.GetFromJsonAsync<ScanDto>($"/api/v1/scans/{submitted.Id}"))!;
            Assert.True(running.Status is "queued" or "running", $"the scan ended ({running.Status}) before the worker could be killed: make the corpus bigger");
            if (running.Status == "running" && running.Progress.FilesDone > 0) break;
            Assert.True(DateTime.UtcNow < deadline, "the first worker never started the scan:\n" + first.Errors);
            await Task.Delay(100);
        }
        log.WriteLine($"killing worker {first.Id} at {running.Progress.FilesDone}/{running.Progress.FilesTotal} files");
        first.KillHard();
        Assert.True(first.HasExited);

        using var second = CliProcess.Start(["worker", "--database", database, "--workers", "1", .. queueArgs], env);
        var done = await ScanWaiter.WaitAsync(http, submitted.Id, TimeSpan.FromMinutes(6));
        log.WriteLine($"final: {done.Status}, attempts {done.Attempts}, {done.Summary?.Total} findings");
        Assert.Equal("completed", done.Status);
        Assert.True(done.Attempts >= 2, $"attempts {done.Attempts}: the second worker should have run the scan again");
        Assert.Equal(expectedFingerprints.Count, done.Summary!.Total);

        // stored exactly once: as many rows as the direct scan's findings, no fingerprint twice, the same set
        await using var conn = new NpgsqlConnection(db.Target.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*), count(DISTINCT fingerprint) FROM findings WHERE scan_id = @id", conn);
        cmd.Parameters.AddWithValue("id", submitted.Id);
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(expectedFingerprints.Count, reader.GetInt64(0));
            Assert.Equal(expectedFingerprints.Count, reader.GetInt64(1));
        }
        var stored = new List<string>();
        await using (var fp = new NpgsqlCommand("SELECT fingerprint FROM findings WHERE scan_id = @id", conn))
        {
            fp.Parameters.AddWithValue("id", submitted.Id);
            await using var reader = await fp.ExecuteReaderAsync();
            while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
        }
        Assert.Equal(expectedFingerprints.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        var page = (await http.GetFromJsonAsync<PageDto<FindingDto>>($"/api/v1/scans/{submitted.Id}/findings?limit=1"))!;
        Assert.Equal(expectedFingerprints.Count, page.Total);

        server.KillHard();
        second.KillHard();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Python MCP servers with a command injection and a hard-coded token each, plus benign filler.</summary>
    internal static TempTree Corpus(int files)
    {
        var tree = new TempTree();
        var filler = string.Join('\n', Enumerable.Range(0, 20).Select(i => $"def helper_{i}(values):\n    total = 0\n    for v in values:\n        total += v * {i}\n    return total\n"));
        for (int i = 0; i < files; i++)
        {
            tree.WithFile($"svc{i % 40}/server_{i}.py", $$"""
                import subprocess
                from mcp.server.fastmcp import FastMCP

                mcp = FastMCP("svc{{i}}")
                TOKEN = "ghp_{{i:D6}}abcdefghijklmnopqrstuvwxyz0123"

                @mcp.tool()
                def run_{{i}}(command: str) -> str:
                    return subprocess.check_output(command, shell=True).decode()

                {{filler}}
                """);
        }
        return tree;
    }

    internal static async Task WaitReadyAsync(HttpClient http)
    {
        for (int i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("the server never became ready");
    }

    internal static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
