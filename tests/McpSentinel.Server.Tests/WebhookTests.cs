using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using McpSentinel.Server.Api;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Server.Tests;

/// <summary>Webhooks delivered to a real local HTTP listener, which checks the signature the way a receiver would.</summary>
[Trait("Category", "Integration")]
public sealed class WebhookTests
{
    private sealed record Received(string Event, string Signature, byte[] Body);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ScanFinished_DeliversSignedEvents_RetriesAFailedDelivery_LogsDeliveries(string provider)
    {
        using var tree = new TempTree().WithFile("server.py", "import subprocess\nfrom mcp.server.fastmcp import FastMCP\nmcp = FastMCP('x')\n\n@mcp.tool()\ndef run(command: str) -> str:\n    return subprocess.check_output(command, shell=True).decode()\n");
        int port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        var received = new ConcurrentQueue<Received>();
        int calls = 0;
        using var stop = new CancellationTokenSource();
        var receiver = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext ctx;
                try { ctx = await listener.GetContextAsync(); }
                catch (Exception) when (stop.IsCancellationRequested) { return; }
                using var body = new MemoryStream();
                await ctx.Request.InputStream.CopyToAsync(body);
                // the very first delivery is refused, to make the queue retry it
                bool fail = Interlocked.Increment(ref calls) == 1;
                if (!fail) received.Enqueue(new Received(ctx.Request.Headers["X-Sentinel-Event"] ?? "", ctx.Request.Headers["X-Sentinel-Signature"] ?? "", body.ToArray()));
                ctx.Response.StatusCode = fail ? 500 : 204;
                ctx.Response.Close();
            }
        });

        await using var server = await RunningServer.StartAsync(provider, o => o with { AllowedRoots = [tree.Root] });
        var denied = await server.Analyst.PostAsJsonAsync("/api/v1/webhooks/", new CreateWebhookRequest($"http://127.0.0.1:{port}/hook/", null, null));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var badEvent = await server.Admin.PostAsJsonAsync("/api/v1/webhooks/", new CreateWebhookRequest($"http://127.0.0.1:{port}/hook/", ["scan.started"], null));
        Assert.Equal(HttpStatusCode.BadRequest, badEvent.StatusCode);
        var created = await server.Admin.PostAsJsonAsync("/api/v1/webhooks/", new CreateWebhookRequest($"http://127.0.0.1:{port}/hook/", null, null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hook = (await created.Content.ReadFromJsonAsync<CreatedWebhookDto>())!;
        Assert.DoesNotContain(hook.Secret, await server.Admin.GetStringAsync("/api/v1/webhooks/"), StringComparison.Ordinal);

        var scan = await ScanWaiter.WaitAsync(server.Viewer, (await ScanWaiter.SubmitPathAsync(server.Analyst, "hooks", tree.Root)).Id);
        Assert.Equal("completed", scan.Status);
        Assert.True(scan.Summary!.Critical + scan.Summary.High > 0);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (received.Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(200);
        await stop.CancelAsync();
        listener.Stop();
        Assert.Equal(2, received.Count);
        Assert.Equal(["findings.new-high", "scan.finished"], received.Select(r => r.Event).Order());
        foreach (var r in received)
        {
            // t=UNIX,v1=HEX where HEX = HMAC-SHA256(secret, "{t}." + body)
            var parts = r.Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            byte[] signed = [.. Encoding.UTF8.GetBytes(parts["t"] + "."), .. r.Body];
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(hook.Secret), signed);
            Assert.Equal(Convert.ToHexStringLower(mac), parts["v1"]);
            Assert.True(Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture)) < 300);
            Assert.False(Webhooks.WebhookSignature.Verify("another-secret", r.Signature, r.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
            var json = JsonDocument.Parse(r.Body).RootElement;
            Assert.Equal(scan.Id.ToString(), json.GetProperty("scan").GetProperty("id").GetString());
        }

        var deliveries = (await server.Admin.GetFromJsonAsync<List<DeliveryDto>>($"/api/v1/webhooks/{hook.Webhook.Id}/deliveries"))!;
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.True(d.Succeeded));
        Assert.Contains(deliveries, d => d.Attempts == 2);
        await receiver.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public void Signature_TamperedBodyOldTimestampOrWrongSecret_Rejected()
    {
        var body = Encoding.UTF8.GetBytes("{\"event\":\"scan.finished\"}");
        var now = DateTimeOffset.UtcNow;
        var header = Webhooks.WebhookSignature.Create("whsec_test", now.ToUnixTimeSeconds(), body);
        Assert.True(Webhooks.WebhookSignature.Verify("whsec_test", header, body, now, TimeSpan.FromMinutes(5)));
        Assert.False(Webhooks.WebhookSignature.Verify("whsec_test", header, Encoding.UTF8.GetBytes("{\"event\":\"scan.finishee\"}"), now, TimeSpan.FromMinutes(5)));
        Assert.False(Webhooks.WebhookSignature.Verify("whsec_other", header, body, now, TimeSpan.FromMinutes(5)));
        Assert.False(Webhooks.WebhookSignature.Verify("whsec_test", header, body, now.AddMinutes(10), TimeSpan.FromMinutes(5)));
        Assert.False(Webhooks.WebhookSignature.Verify("whsec_test", "garbage", body, now, TimeSpan.FromMinutes(5)));
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
