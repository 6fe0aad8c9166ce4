using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using McpSentinel.Server.Api;
using McpSentinel.Tests;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;
using Xunit;

namespace McpSentinel.Server.Tests;

/// <summary>The service's own protections and its operational endpoints: rate limits, body limits, CORS, JWT, OpenAPI,
/// health, metrics, the Redis result cache.</summary>
[Trait("Category", "Integration")]
public sealed class ServiceHardeningTests
{
    [Fact]
    public async Task RateLimit_PerKey_TooManyRequestsAsProblemDetails_OtherKeysUnaffected()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        using var limited = server.Client(await server.CreateKeyAsync("viewer", rateLimit: 3));
        for (int i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await limited.GetAsync("/api/v1/rules")).StatusCode);
        var refused = await limited.GetAsync("/api/v1/rules");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, (await server.Viewer.GetAsync("/api/v1/rules")).StatusCode);
    }

    [Fact]
    public async Task RequestBody_OverTheLimit_Refused()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { MaxRequestBytes = 64 * 1024 });
        var big = "{\"project\":\"x\",\"path\":\"" + new string('a', 100 * 1024) + "\"}";
        var response = await server.Analyst.PostAsync("/api/v1/scans", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Cors_ClosedByDefault_OpenOnlyForConfiguredOrigins()
    {
        async Task<HttpResponseMessage> Preflight(RunningServer s, string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/scans");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "GET");
            request.Headers.Add("Access-Control-Request-Headers", "X-Api-Key");
            return await s.Anonymous.SendAsync(request);
        }
        await using (var closed = await RunningServer.StartAsync("sqlite"))
        {
            var response = await Preflight(closed, "https://evil.example");
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        }
        await using var open = await RunningServer.StartAsync("sqlite", o => o with { CorsOrigins = ["https://dash.example"] });
        Assert.Equal("https://dash.example", (await Preflight(open, "https://dash.example")).Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False((await Preflight(open, "https://evil.example")).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Jwt_RolesFromTheToken_Enforced_BadTokensRefused()
    {
        var key = new byte[32];
        System.Security.Cryptography.RandomNumberGenerator.Fill(key);
        await using var server = await RunningServer.StartAsync("sqlite", o => o with
        {
            Jwt = new JwtSettings { Issuer = "https://idp.test", Audience = "mcp-sentinel", SigningKeyBase64 = Convert.ToBase64String(key), RequireHttpsMetadata = false },
        });
        string Token(string role, string audience = "mcp-sentinel", DateTime? expires = null, byte[]? signWith = null) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://idp.test",
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "alice@example.com"), new Claim("roles", role)]),
            NotBefore = DateTime.UtcNow.AddMinutes(-30),
            IssuedAt = DateTime.UtcNow.AddMinutes(-30),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signWith ?? key), SecurityAlgorithms.HmacSha256),
        });
        HttpClient With(string token)
        {
            var c = server.Client(null);
            c.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return c;
        }
        using var analyst = With(Token("analyst"));
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/scans")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/api-keys/")).StatusCode);
        var bad = await analyst.PostAsJsonAsync("/api/v1/scans", new CreateScanRequest("p", "/nowhere", null, null));
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode); // authorised, then refused: no allowed roots
        Assert.Contains("allowed-root", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var admin = With(Token("admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/api-keys/")).StatusCode);
        using var noRole = With(Token("auditor"));
        Assert.Equal(HttpStatusCode.Forbidden, (await noRole.GetAsync("/api/v1/scans")).StatusCode);
        using var wrongAudience = With(Token("admin", audience: "other"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongAudience.GetAsync("/api/v1/scans")).StatusCode);
        using var expired = With(Token("admin", expires: DateTime.UtcNow.AddMinutes(-5)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await expired.GetAsync("/api/v1/scans")).StatusCode);
        var otherKey = new byte[32];
        System.Security.Cryptography.RandomNumberGenerator.Fill(otherKey);
        using var forged = With(Token("admin", signWith: otherKey));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/scans")).StatusCode);
        // API keys keep working beside JWT
        Assert.Equal(HttpStatusCode.OK, (await server.Admin.GetAsync("/api/v1/api-keys/")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_Health_Metrics_Docs_Answer()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var doc = JsonDocument.Parse(await server.Anonymous.GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.StartsWith("3.1", doc.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/scans", paths);
        Assert.Contains("/api/v1/scans/{id}/findings", paths);
        var docs = await server.Anonymous.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.OK, (await server.Anonymous.GetAsync("/health/live")).StatusCode);
        var ready = JsonDocument.Parse(await server.Anonymous.GetStringAsync("/health/ready")).RootElement;
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal(["database", "queue"], ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());

        var metrics = await server.Anonymous.GetStringAsync("/metrics");
        foreach (var name in new[] { "mcp_sentinel_scans_submitted_total", "mcp_sentinel_scans_finished_total", "mcp_sentinel_findings_total", "mcp_sentinel_queue_depth", "mcp_sentinel_scan_duration_seconds", "http_requests_received_total" })
            Assert.Contains(name, metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_Gone_ReadyIsUnhealthy_LiveStillAnswers()
    {
        await using var server = await RunningServer.StartAsync("postgres");
        Assert.Equal(HttpStatusCode.OK, (await server.Anonymous.GetAsync("/health/ready")).StatusCode);
        var name = new Npgsql.NpgsqlConnectionStringBuilder(server.Database.ConnectionString).Database;
        await using (var admin = new Npgsql.NpgsqlConnection(TestDatabase.PostgresAdminConnection))
        {
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        Npgsql.NpgsqlConnection.ClearAllPools();
        var ready = await server.Anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks["database"]);
        Assert.Equal(HttpStatusCode.OK, (await server.Anonymous.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task RedisCache_SameTreeTwice_SecondResultComesFromTheCache()
    {
        var redisAddress = Environment.GetEnvironmentVariable("MCP_SENTINEL_TEST_REDIS") is { Length: > 0 } r ? r : "127.0.0.1:6379";
        using var tree = new TempTree().WithFile("server.py", "import os\nfrom mcp.server.fastmcp import FastMCP\nmcp = FastMCP('c')\n\n@mcp.tool()\ndef run(command: str) -> str:\n    return os.popen(command).read()\n" + "# " + Guid.NewGuid() + "\n");
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { AllowedRoots = [tree.Root], Redis = redisAddress });
        var ready = JsonDocument.Parse(await server.Anonymous.GetStringAsync("/health/ready")).RootElement;
        Assert.Contains("redis", ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        var first = await ScanWaiter.WaitAsync(server.Viewer, (await ScanWaiter.SubmitPathAsync(server.Analyst, "cache", tree.Root)).Id);
        var second = await ScanWaiter.WaitAsync(server.Viewer, (await ScanWaiter.SubmitPathAsync(server.Analyst, "cache", tree.Root)).Id);
        Assert.Equal("completed", second.Status);
        Assert.Equal(first.Summary!.Total, second.Summary!.Total);
        Assert.True(first.Summary.Total > 0);
        // the cached result is the first scan's report: same analysis duration, to the millisecond
        Assert.Equal(first.DurationMs, second.DurationMs);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisAddress);
        var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "mcp-sentinel:result:*").ToList();
        Assert.NotEmpty(keys);
        var a = (await server.Viewer.GetFromJsonAsync<PageDto<FindingDto>>($"/api/v1/scans/{first.Id}/findings?limit=1000"))!;
        var b = (await server.Viewer.GetFromJsonAsync<PageDto<FindingDto>>($"/api/v1/scans/{second.Id}/findings?limit=1000"))!;
        Assert.Equal(a.Items.Select(f => f.Fingerprint).Order(), b.Items.Select(f => f.Fingerprint).Order());
    }
}
