using System.Net.Http.Json;
using System.Text.Json;
using McpSentinel.Server.Api;
using McpSentinel.Server.Queue;
using McpSentinel.Tests;
using Npgsql;
using StackExchange.Redis;
using Xunit;
using Xunit.Abstractions;

namespace McpSentinel.Server.Tests;

/// <summary><c>--queue redis</c>: Hangfire's queue in Redis (under a key prefix of this test's own), results in the
/// database. Real processes, real PostgreSQL and Redis.</summary>
[Trait("Category", "Integration")]
public sealed class RedisQueueTests(ITestOutputHelper log)
{
    private static string RedisAddress => Environment.GetEnvironmentVariable("MCP_SENTINEL_TEST_REDIS") is { Length: > 0 } r ? r : "127.0.0.1:6379";

    [Fact]
    public async Task PostgresWithRedisQueue_SeparateWorkerProcess_SameFindingsAsDirectScan()
    {
        using var corpus = WorkerKillTests.Corpus(files: 40);
        corpus.WithFile("nonce.txt", Guid.NewGuid().ToString()); // a tree of its own: no result-cache hit from an earlier run
        await using var db = await TestDatabase.CreateAsync("postgres");
        var database = "postgres:" + db.Target.ConnectionString;
        var prefix = "{mcps-test-" + Guid.NewGuid().ToString("N")[..12] + "}:";
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisAddress);
        try
        {
            var report = Path.Combine(Path.GetTempPath(), "mcp-sentinel-redisq-" + Guid.NewGuid().ToString("N") + ".json");
            var direct = await CliProcess.RunAsync(["scan", corpus.Root, "--no-config", "--format", "json", "--output", report, "--no-progress", "--quiet", "--fail-on", "none"], TimeSpan.FromMinutes(5));
            Assert.True(direct.ExitCode == 0, $"direct scan exit {direct.ExitCode}: {direct.Errors}");
            var expected = JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("findings").EnumerateArray()
                .Select(f => f.GetProperty("fingerprint").GetString()!).Order(StringComparer.Ordinal).ToList();
            File.Delete(report);
            Assert.True(expected.Count >= 40, $"the corpus should give findings, got {expected.Count}");

            var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = corpus.PathOf(".data") };
            string[] queueArgs = ["--database", database, "--redis", RedisAddress, "--queue", "redis", "--queue-prefix", prefix];
            int port = WorkerKillTests.FreePort();
            using var server = CliProcess.Start(["server", "--urls", $"http://127.0.0.1:{port}", "--allowed-root", corpus.Root, "--no-worker", .. queueArgs], env);
            var key = await server.WaitForOutputLineAsync(l => l.StartsWith("mcps_", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            await WorkerKillTests.WaitReadyAsync(http);

            // readiness checks the queue storage in use: Redis
            var ready = JsonDocument.Parse(await http.GetStringAsync("/health/ready")).RootElement;
            var queueCheck = ready.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "queue");
            Assert.StartsWith("redis:", queueCheck.GetProperty("description").GetString(), StringComparison.Ordinal);

            var submitted = await ScanWaiter.SubmitPathAsync(http, "redis-queue", corpus.Root);
            Assert.True(await redis.GetDatabase().KeyExistsAsync(prefix + "queue:scans"), "the scan job should wait in the Redis queue under the test's prefix");
            Assert.Equal("queued", (await http.GetFromJsonAsync<ScanDto>($"/api/v1/scans/{submitted.Id}"))!.Status);

            using var worker = CliProcess.Start(["worker", "--workers", "1", .. queueArgs], env);
            var done = await ScanWaiter.WaitAsync(http, submitted.Id, TimeSpan.FromMinutes(5));
            log.WriteLine($"final: {done.Status}, attempts {done.Attempts}, {done.Summary?.Total} findings");
            Assert.True(done.Status == "completed", $"status {done.Status} ({done.Error}); worker:\n{worker.Errors}");
            Assert.Equal(expected.Count, done.Summary!.Total);

            var stored = new List<string>();
            await using (var conn = new NpgsqlConnection(db.Target.ConnectionString))
            {
                await conn.OpenAsync();
                await using (var fp = new NpgsqlCommand("SELECT fingerprint FROM findings WHERE scan_id = @id", conn))
                {
                    fp.Parameters.AddWithValue("id", submitted.Id);
                    await using var reader = await fp.ExecuteReaderAsync();
                    while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
                }
                // the queue never touched PostgreSQL: Hangfire.PostgreSql's schema was not created
                await using var schema = new NpgsqlCommand("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'hangfire'", conn);
                Assert.Equal(0L, (long)(await schema.ExecuteScalarAsync())!);
            }
            Assert.Equal(expected, stored.Order(StringComparer.Ordinal));

            server.KillHard();
            worker.KillHard();
        }
        finally
        {
            await DeleteKeysAsync(RedisAddress, prefix);
            NpgsqlConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task SqliteServerWithRedisQueue_InProcessWorker_CompletesScan()
    {
        using var tree = new TempTree().WithFile("server.py", "import os\nfrom mcp.server.fastmcp import FastMCP\nmcp = FastMCP('q')\n\n@mcp.tool()\ndef run(command: str) -> str:\n    return os.popen(command).read()\n# " + Guid.NewGuid() + "\n");
        var prefix = "{mcps-test-" + Guid.NewGuid().ToString("N")[..12] + "}:";
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisAddress);
        try
        {
            await using var server = await RunningServer.StartAsync("sqlite", o => o with { AllowedRoots = [tree.Root], Redis = RedisAddress, Queue = QueueKind.Redis, QueuePrefix = prefix });
            var done = await ScanWaiter.WaitAsync(server.Viewer, (await ScanWaiter.SubmitPathAsync(server.Analyst, "redis-queue", tree.Root)).Id);
            Assert.Equal("completed", done.Status);
            Assert.True(done.Summary!.Total > 0);
            // the job went through Redis under this test's prefix
            var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: prefix.Replace("{", "\\{", StringComparison.Ordinal).Replace("}", "\\}", StringComparison.Ordinal) + "job:*").ToList();
            Assert.NotEmpty(keys);
        }
        finally
        {
            await DeleteKeysAsync(RedisAddress, prefix);
        }
    }

    /// <summary>Removes every key under the test's prefix, and checks none is left.</summary>
    internal static async Task DeleteKeysAsync(string address, string prefix)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(address);
        var pattern = prefix.Replace("{", "\\{", StringComparison.Ordinal).Replace("}", "\\}", StringComparison.Ordinal) + "*";
        var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: pattern).ToArray();
        if (keys.Length > 0) await redis.GetDatabase().KeyDeleteAsync(keys);
        Assert.Empty(redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: pattern));
    }
}
