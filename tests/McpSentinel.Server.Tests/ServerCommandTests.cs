using Xunit;

namespace McpSentinel.Server.Tests;

/// <summary>`mcp-sentinel server` and `worker` refuse bad settings with a clear message and exit code 2.</summary>
[Trait("Category", "Integration")]
public sealed class ServerCommandTests
{
    [Theory]
    [InlineData("must start with sqlite: or postgres:", "server", "--database", "mysql:x")]
    [InlineData("needs the shared queue", "worker", "--database", "sqlite:/tmp/mcp-sentinel-never.db")]
    [InlineData("needs the shared queue", "server", "--no-worker", "--database", "sqlite:/tmp/mcp-sentinel-never.db")]
    [InlineData("--queue redis needs a Redis connection", "server", "--queue", "redis")]
    [InlineData("--queue redis needs a Redis connection", "worker", "--queue", "redis", "--database", "postgres:Host=127.0.0.1;Username=u;Password=topsecret")]
    [InlineData("is not one of database, redis", "server", "--queue", "kafka")]
    [InlineData("applies only to --queue redis", "server", "--queue-prefix", "{x}:")]
    [InlineData("needs the shared queue", "worker", "--queue", "redis", "--redis", "127.0.0.1:6379", "--database", "sqlite:/tmp/mcp-sentinel-never.db")]
    [InlineData("needs the shared queue", "server", "--no-worker", "--queue", "redis", "--redis", "127.0.0.1:6379", "--database", "sqlite:/tmp/mcp-sentinel-never.db")]
    [InlineData("is not a folder", "server", "--allowed-root", "/nonexistent/mcp-sentinel")]
    [InlineData("is not an http(s) address", "server", "--urls", "ftp://127.0.0.1:1")]
    [InlineData("cannot be used", "worker", "--database", "postgres:Host=127.0.0.1;Port=1;Username=u;Password=topsecret;Timeout=3")]
    public async Task BadSettings_UsageErrorWithoutSecrets(string message, params string[] args)
    {
        var (exit, output, errors) = await CliProcess.RunAsync(args, TimeSpan.FromMinutes(2));
        Assert.Equal(2, exit);
        Assert.Contains(message, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", output + errors, StringComparison.Ordinal);
        Assert.DoesNotContain("mcps_", output, StringComparison.Ordinal);
    }
}
